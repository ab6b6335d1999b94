# gov-db 的中文消息。这里的每个 id 在 locales/en/gov-db.ftl 中也有（有测试核对）。
# 各命令的帮助文字不在这里，在 locales/zh/help.ftl。

## 出错时（src/error.rs）

error-prefix = 错误：{ $message }
error-caused-by = 原因：{ $cause }
problem-column = { $column } 列
problems-more = ……另有 { $n } 个问题
no-database = { $path } 处没有数据库（gov-db import 会创建；--db 或 GOV_DB 可指定另一个）
empty-database = { $path } 是空文件：其中还没有 gov-db 数据库（gov-db import 会创建；--db 或 GOV_DB 可指定另一个）
stale-findings = 注意：{ $n } 份报告的检查结果已过时（检查之后机关或规则有变动），下一个能写入 { $db } 的 gov-db 命令会更新它们

## 命令行（src/cmd/mod.rs、src/suggest.rs）

arg-not-a-year = { $given } 不是年份
arg-not-a-statistics-year = { $year } 不是统计年度（{ $from }–{ $to }）
arg-empty-name = 名称不能为空
region-took = --region { $given }：{ $took }
region-ambiguous = --region { $given } 是 { $n } 个地区的名称：{ $regions }；请给出其代码或更长的名称
region-unknown = --region { $given } 既不是代码前缀，也不是地区名称（gov-db region list 列出地区）
unknown-name-list = { $kind ->
        [view] 没有名为 { $given } 的视图；视图有：{ $known }（gov-db query --list 说明各视图回答什么）
       *[rule] 没有名为 { $given } 的规则；规则有：{ $known }（gov-db check --list-rules 说明各规则的内容）
    }
unknown-name-near = { $kind ->
        [view] 没有名为 { $given } 的视图；{ $suggestion }（gov-db query --list 说明各视图回答什么）
       *[rule] 没有名为 { $given } 的规则；{ $suggestion }（gov-db check --list-rules 说明各规则的内容）
    }
did-you-mean-one = 是不是 { $name }？
did-you-mean-some = 是不是 { $names } 或 { $last }？
did-you-mean-more = 是不是 { $names }，或另外 { $n } 个之一？

## gov-db import（src/cmd/import/）

import-no-files = 在 { $paths } 中没有找到 CSV 或报告文件
import-skip-notes = { $stem }：文件夹自身的说明
import-skip-format = 不是报告格式（.{ $ext }）
import-skip-no-extension = 不是报告格式（没有扩展名）
import-no-files-aside = 未读取：{ $path }：{ $why }
import-no-files-more = ……另有 { $n } 个文件未读取
import-waiting = 正在等待 { $db }：另一个 gov-db 正在写入……
import-cannot-read = 无法读取：{ $error }
import-problems = { $failed } 个文件（共 { $files } 个）中有 { $n } 个问题{ $shown }；没有导入任何内容
import-shown = （显示 { $shown } 个）
import-refused = { $why }；没有导入任何内容
import-files-failed = 错误：{ $files } 个文件中有 { $failed } 个失败，未导入：{ $paths }
import-warning = 警告：{ $path }：{ $warning }
import-summary = 已从 { $files } 个文件导入 { $reports } 份报告到 { $db }：新增 { $new } 份，替换 { $replaced } 份，未变 { $unchanged } 份
import-summary-dry-run = 将从 { $files } 个文件导入 { $reports } 份报告到 { $db }：新增 { $new } 份，替换 { $replaced } 份，未变 { $unchanged } 份
import-checks = 检查：写入的报告中有 { $tally }
import-checks-hint = 检查：写入的报告中有 { $tally }（gov-db check 会列出）
import-checks-dry-run = 检查：读取的报告中有 { $tally }
import-checks-dry-run-hint = 检查：读取的报告中有 { $tally }（去掉 --dry-run 导入后，gov-db check 会列出）
progress-files = {"{"}spinner{"}"} 正在导入 {"{"}pos{"}"}/{"{"}len{"}"} 个文件 {"{"}bar:30{"}"} {"{"}rate{"}"} {"{"}eta{"}"} {"{"}wide_msg{"}"}
progress-bytes = {"{"}spinner{"}"} 正在导入 {"{"}bytes{"}"}/{"{"}total_bytes{"}"} {"{"}bar:30{"}"} {"{"}binary_bytes_per_sec{"}"} {"{"}eta{"}"} {"{"}wide_msg{"}"}
progress-files-per-second = 个文件/秒

## gov-db check（src/cmd/check.rs、src/check/）

check-summary = 已检查 { $reports } 份报告：{ $tally }
check-tally = 错误 { $errors } 个，警告 { $warnings } 个，提示 { $notes } 个

## 视图和列表的列名（中文的表格和 Markdown；CSV 和 JSON 加 --labels 时）。这里没有的列用其代码。

col-agency = 机关
col-year = 年度
col-agency_id = 机关编号
col-region_code = 区划代码
col-province = 省份代码
col-province_name = 省份
col-region = 地区
col-level = 层级
col-parent = 上级机关
col-names = 名称
col-first_year = 首个年度
col-last_year = 最后年度
col-reports = 报告数
col-review_upheld = 行政复议·结果维持
col-review_corrected = 行政复议·结果纠正
col-review_other = 行政复议·其他结果
col-review_pending = 行政复议·尚未审结
col-review_total = 行政复议·总计
col-review_correction_rate = 行政复议纠正率
col-litigation_upheld = 行政诉讼·结果维持
col-litigation_corrected = 行政诉讼·结果纠正
col-litigation_other = 行政诉讼·其他结果
col-litigation_pending = 行政诉讼·尚未审结
col-litigation_total = 行政诉讼·总计
col-litigation_correction_rate = 行政诉讼纠正率
col-category = 申请人类别
col-category_label = 申请人类别名称
col-requests = 申请数
col-share = 占比
col-report_id = 报告编号
col-template = 模板
col-section = 部分
col-row = 行
col-column = 列
col-grp = 组
col-row_label = 行标签
col-column_label = 列标签
col-value = 数值
col-row_id = 行编号
col-col_id = 列编号
col-received_new = 本年新收
col-carried_in = 上年结转
col-processed = 办结
col-carried_out = 结转下年度
col-resolution_rate = 办结率
col-disclosure_rate = 公开率
col-resolution_rate_of_requests = 办结率（占申请）
col-disclosure_rate_of_processed = 公开率（占办结）
col-withheld_rate_of_processed = 不予公开率（占办结）
col-correction_rate_of_decided = 纠错率（占已审结）
col-has_report = 有报告
col-blanks = 空白数
col-granted = 予以公开
col-partly_granted = 部分公开
col-withheld = 不予公开
col-unavailable = 无法提供
col-not_processed = 不予处理
col-other = 其他处理
col-share_granted = 予以公开占比
col-share_partly_granted = 部分公开占比
col-share_withheld = 不予公开占比
col-share_unavailable = 无法提供占比
col-share_not_processed = 不予处理占比
col-share_other = 其他处理占比
col-findings = 检查结果数
col-errors = 错误
col-warnings = 警告
col-infos = 提示
col-rules = 规则数
col-confirmed_errors = 已确认错误
col-explained_errors = 已说明错误
col-reading_errors = 读取错误
col-unreviewed_errors = 未复核错误
col-metric = 指标
col-group = 组
col-reason = 理由
col-label = 标签
col-count = 件数
col-share_of_processed = 占办结比例
col-share_of_group = 占本组比例
col-agencies = 机关数
col-resolution_rate_pooled = 办结率（合并）
col-disclosure_rate_pooled = 公开率（合并）
col-prev_year = 上一年度
col-requests_change = 申请数变化
col-requests_change_pct = 申请数变化（%）
col-resolution_rate_change_pp = 办结率变化（百分点）
col-disclosure_rate_change_pp = 公开率变化（百分点）
col-id = 编号
col-severity = 严重程度
col-rule = 规则
col-expected = 应为
col-actual = 印出
col-review = 复核
col-message = 说明
col-identity = 勾稽关系
col-states = 内容
col-name = 名称
col-description = 说明

## 行（src/render/）

no-rows = （无数据）

## 检查结果的说明（src/check/）：按模板印出的样子引用标签

check-missing = 缺失
check-blank = 空白
check-place-row-column = { $table }“{ $row }”行“{ $column }”列
check-place-row = { $table }“{ $row }”行
check-place-column = { $table }“{ $column }”列
check-side-named = { $name }合计 { $sum }
check-side-one = { $label } 为 { $value }
check-side-applicant-columns = 六类申请人列（自然人……法人或其他组织·其他）
check-side-outcome-rows = 办理结果各行（一）至（六）
check-identity = { $place }：{ $left }，但 { $right }
check-identity-blanks = （空白单元格取任何值都不能使其成立：含空白的一侧已经较大）
check-open = { $place }：{ $left } 对 { $right }，其中 { $cells }{ $more }
check-open-more = 等，另有 { $n } 个
check-list-separator = ；
check-not-assessable = 有 { $n } 处无法判断：空白单元格可能是 0，也可能是未填报，差额可能在空白或缺失的单元格中：{ $places }{ $more }
check-not-assessable-more = ；另有 { $n } 处
check-template-year = { $year } 年度报告使用 { $template } 年模板（{ $notice }），但 { $year } 年度的报告应使用 { $expected } 年模板（{ $expected_notice }）
check-appeals-without-requests = 表三 没有申请（一、本年新收政府信息公开申请数量 0，二、上年结转政府信息公开申请数量 0），但 表四 有行政复议 { $review } 件、行政诉讼 { $litigation } 件
check-carry-over = 表三“{ $column }”列：{ $carried_in } 为 { $printed }，但 { $prev_year } 年度报告的 { $carried_out } 为 { $expected }
check-carry-over-open = 表三“{ $column }”列：{ $prev_year } 年度报告的 { $carried_out } 为 { $before }，本年的 { $carried_in } 为 { $now }
check-in-force = 表二“{ $row }”行：现行有效件数为 { $now }，但 { $prev_year } 年度报告的现行有效件数 { $before } + 本年制发件数 { $issued } − 本年废止件数 { $repealed } = { $expected }（文件也可能未经废止而失效）
check-in-force-open = 表二“{ $row }”行：{ $prev_year } 年度报告的现行有效件数 { $before }，本年的本年制发件数 { $issued }、本年废止件数 { $repealed }、现行有效件数 { $now }
check-yoy-zero = 从零或到零
check-yoy-up = 为上年的 { $ratio } 倍
check-yoy-down = 为上年的 1/{ $ratio }
check-yoy-jump = 表三 { $row } 总计从 { $prev_year } 年度的 { $before } 变为 { $year } 年度的 { $now }（{ $ratio }）；变化超过 10 倍值得复查
check-reorganised = （{ $prev_year } 年度报告以 { $prev_name } 名义报送：机构改革后的机关，结转可能不同）
check-narrative-litigation = 行政诉讼 总计（未经复议直接起诉 + 复议后起诉）
check-narrative = 正文说 { $keyword } { $claimed } 件（“{ $sentence }”），但 { $what } 为 { $table }（正文的范围可能比表格窄）

## 各规则的内容（gov-db check --list-rules）

rule-intake-equals-outcome = 表三 每列：一 + 二 = 三（七）总计 + 四
rule-row-total = 表三 每行：总计 = 六类申请人列之和
rule-outcome-sum = 表三 每列：（七）总计 = 办理结果各行（一）…（六）之和
rule-appeals-total = 表四 每行：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计
rule-carry-over = 表三 每列：本年 二、上年结转 = 上年 四、结转下年度继续办理（机关印出的名称两年不同时为警告）
rule-in-force = 表二：现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数
rule-group-subtotal = 表三 每列：印出的（六）其他处理 = 其下 1–3 行之和
rule-template-year = 2019–2020 年度报告用 2019 年模板，2021 年度起用 2021 年模板
rule-yoy-jump = 任一年有 50 件或以上时，一、本年新收 与上年相比变化不超过 10 倍
rule-appeals-without-requests = 没有任何申请的年度不应有行政复议或行政诉讼案件
rule-narrative = 正文引用的件数与表格一致

## 数据库（src/store/mod.rs）

store-missing = { $path } 处没有数据库
store-empty = { $path } 是空文件：其中还没有 gov-db 数据库
store-open = 无法打开数据库 { $path }
store-too-new = 数据库 { $path } 由更新版本的 gov-db 创建（结构版本 { $found }，本程序最高支持 { $known }）；请升级 gov-db，以免损坏数据库
store-needs-upgrade = 数据库 { $path } 由较旧版本的 gov-db 创建（结构版本 { $found }；本程序需要 { $known }），需要升级，升级要写入它，但这里无法写入（只读的文件、目录或文件系统）：请在能写入该文件的地方运行一次 gov-db（任何命令都会升级它），或用创建它的 gov-db 读取
store-foreign = { $path } 不是 gov-db 数据库（其中有其他程序的表、视图或结构）；其中的内容没有任何改动
store-not-sqlite = { $path } 不是 SQLite 数据库；其中的内容没有任何改动
store-cannot-write = 无法写入 { $path }：该文件、其目录或文件系统是只读的；只读的命令可以在它上面运行
store-migrate = 无法迁移数据库 { $path }
store-busy = 数据库正忙：另一个 gov-db 正在写入；请等它完成后再试
store-full = 磁盘已满（或数据库已达大小上限）：没有任何改动；请在数据库所在位置，或 SQLite 存放临时文件的位置（SQLITE_TMPDIR、TMPDIR，否则为 /var/tmp 或 /tmp）腾出空间后再试
store-refused = 因 --strict 被拒绝：{ $why }
store-view = 视图 { $view } 中：{ $message }

## 其他命令（src/cmd/）

cannot-write = 无法写入 { $path }：{ $error }
wrote = 已写入 { $path }
sql-none = 没有给出 SQL 语句（例如 gov-db sql 'SELECT * FROM resolution_rates'）
sql-changed = 改动了 { $n } 行
shell-read-only = 命令行以只读方式打开了数据库：要改动它，请加 --write 启动（gov-db shell --write）
export-bom-csv = --bom 只用于 CSV（--format csv）
export-wide-binary = --wide 只用于 csv、json、table 和 markdown：xlsx 的工作表按模板排版，parquet 是长格式
review-empty-note = --note 为空：请说明理由（把什么与什么作了对比，机关怎么说）
draft-one-report = --draft 只为一份已公开的报告（文本、HTML、Markdown 或 PDF）写草稿：请给出一个这样的文件
draft-source-csv = --source 指定一份补全的草稿（CSV 文件）所依据的已公开报告：请给出一个 CSV 文件
draft-source-missing = --source { $path }：没有这个文件（草稿所依据的已公开报告）
draft-not-written = 没有写出草稿：{ $file }：{ $message }
draft-cannot-write = 无法写入草稿 { $path }：{ $error }
draft-all-read = 全部已读出
draft-to-fill = 有 { $n } 个待填写（为空，附注以“{ $note }”开头）；请对照报告填写，然后运行：gov-db import --source { $report } { $draft }
draft-written = 已把 { $report } 的草稿写入 { $draft }：{ $cells } 个单元格，{ $fill }

## 图表（src/chart.rs）

chart-ranking = 排名（高者在前）
chart-compare = 各机关与中位数（灰色）对比
chart-trend = { $from }–{ $to } 年趋势（虚线：跨过没有报告的年度）
chart-no-data = 无数据
chart-capped = 前 { $shown } 个机关，共 { $n } 个（可用 --agency 或 --region 缩小范围）
col-view = 视图
col-answers = 回答的问题

## 规范 CSV：某一行的问题（src/read/csv/）

csv-not-an-amount = { $text } 不是金额（应为小数，如 1002.3819；空白单元格留空）
csv-negative = { $value } 是负数；件数是 0 或更大的整数
csv-not-a-whole-number = { $text } 不是整数（报告中空白的单元格请留空）
csv-too-few-fields = 应有 { $expected } 个字段，实有 { $found } 个
csv-too-many-fields = 应有 { $expected } 个字段，实有 { $found } 个（含逗号的字段请加引号）
csv-no-data-lines = 文件只有表头，没有数据行
csv-empty-agency = 机关为空
csv-not-a-year = { $text } 不是年份（应为统计年度，如 2024）
csv-unknown-section = 未知的部分 { $text }（应为 proactive、requests 或 appeals）
csv-unknown-row = 部分 { $section } 中没有行 { $text }（请用数据约定的代码或报告所印的标签）
csv-unknown-column = 部分 { $section } 中没有列 { $text }
csv-left-to-fill = 待填写：草稿未能读出这个单元格（{ $why }）；请填写报告所印的数字，或清除附注使单元格留空
csv-unknown-template = 未知的模板 { $text }（应为 2019 或 2021）
csv-bad-region-code = { $text } 不是 6 位行政区划代码

## 已公开的报告（src/read/report/）

report-workbook-no-agency-no-year = 工作簿既未写明机关，也未写明统计年度（没有“…2024年政府信息公开工作年度报告”这样的标题单元格，也没有统计期间）：请给出 --agency 和 --year
report-workbook-no-agency = 工作簿未写明机关（没有“…2024年政府信息公开工作年度报告”这样的标题单元格，也没有统计期间）：请给出 --agency
report-workbook-no-year = 工作簿未写明统计年度（没有“…2024年政府信息公开工作年度报告”这样的标题单元格，也没有统计期间）：请给出 --year
report-no-agency = 没有找到写明机关的标题（…政府信息公开工作年度报告）；请用 --agency 给出
report-ocr-title-unplaced = OCR 读出的标题为“{ $agency }”，开头不是地图上的任何地名（可能是 OCR 误读）；请核对扫描件，并用 --agency 给出机关名称
report-no-year = 标题和正文中都没有找到统计年度；请用 --year 给出
report-years-disagree = 标题写的是 {$title} 年，统计期限写的却是 {$period} 年；请用 --year 给出报告的年度
report-html-cut-short = 网页在 </html> 之前就结束了：内容不完整（下载中断？），缺少一张表；请重新下载该网页
report-workbook-no-tables = {$why}；该工作簿中根本没有表格
report-document-no-tables = {$why}；该文档中根本没有表格
pdf-install = 读取 PDF 需要 poppler 的 pdftotext，但它没有安装；请安装（Debian/Ubuntu：apt-get install poppler-utils；Fedora：dnf install poppler-utils；macOS：brew install poppler），或自己用 `pdftotext -layout report.pdf` 把 PDF 转为文本后导入 .txt
pdf-picture-too-large = 第 {$page} 页第 {$number} 张图片为 {$width} × {$height} 像素，超过 300 dpi 扫描页或报告表格截图的 {$million} 百万像素：在从 PDF 中取出之前即拒绝
ocr-unreadable-image = 不是可以读取的图片：{$why}
ocr-too-many-pixels = {$width} × {$height} 像素，超过 300 dpi 扫描页或报告表格截图的 {$million} 百万像素
ocr-page-too-large = 第 {$page} 页为 {$wpt} × {$hpt} 磅，按 {$dpi} dpi 为 {$width} × {$height} 像素，超过 {$dpi} dpi 扫描页的 {$million} 百万像素：在转成图片之前即拒绝
pdf-cannot-run = 无法运行 pdftotext：{ $error }
soffice-install = 读取 .doc 和 .wps 文件（Word 97–2003 和 WPS 二进制格式）及 RTF 需要 LibreOffice，但它没有安装；请安装（Debian/Ubuntu：apt-get install libreoffice-writer-nogui（或 libreoffice-writer）；Fedora：dnf install libreoffice-writer；macOS：brew install --cask libreoffice），或在 Word 或 WPS 中把文件另存为 .docx 后导入
soffice-install-printed = LibreOffice 没有安装；请安装（Debian/Ubuntu：apt-get install libreoffice-writer-nogui（或 libreoffice-writer）；Fedora：dnf install libreoffice-writer；macOS：brew install --cask libreoffice），或在 Word 或 WPS 中把文档另存为 PDF 后导入
printed-unconverted = {$first}；文档含 {$kind} 图片（矢量图：从 Excel 以图片粘贴的区域），其中的表格需按 LibreOffice 打印的结果读取：{$why}
printed-unread = {$first}；文档含 {$kind} 图片（矢量图：从 Excel 以图片粘贴的区域），故也按 LibreOffice 打印的结果读取，打印结果：{$why}
docpictures-why = 第 {$n} 张图片：{$why}
docpictures-missing = 文档中缺少其内容
docpictures-unread = {$first}；文档中可能含表格的图片有以下无法读取：{$pictures}
pictures-too-many = 文档含 {$n} 张可能是表格的图片，超过一份报告最多查看的 {$max} 张：在查看任何图片之前即拒绝
pictures-too-many-tables = 其中 {$n} 张图片含有表格线，超过一份报告最多以 OCR 读取的 {$max} 张：在读取之前即拒绝
docpictures-too-many = {$first}；{$why}
ocr-too-many-pages = 有 {$n} 页没有文字层，超过一份报告最多以 OCR 读取的 {$max} 页：在转成图片之前即拒绝
imgtables-not-looked-at = ；其 {$n} 张图片未查看是否含有表格：超过一页最多查看的 {$max} 张
imgtables-more = ；另有 {$n} 张类似的图片

## show、region

show-no-report = { $agency } 没有 { $year } 年度的报告（gov-db query coverage 列出它有报告的年度）
region-bundled = 内置列表（{ $source }）
region-loaded = 已从{ $source }载入 { $n } 个地区
region-bad-code = 第 { $line } 行：{ $code } 不是 6 位代码（或乡镇的 9 位代码）
region-bad-level = 第 { $line } 行：层级 { $level } 不是 provincial、prefecture、county 或 township
region-empty-name = 第 { $line } 行：名称为空
col-printed_name = 报告所印名称
col-format = 格式
col-source = 来源
col-content_hash = 内容哈希
col-parser_version = 解析器版本
col-imported_at = 导入时间
col-origin = 读取位置

## gov-db check FILE…（src/cmd/check/draft.rs）

draft-check-same-as-previous = 某个 FILE 与某个 --previous FILE 是同一机关同一年度的报告：--previous 应指定上一年度的报告
draft-check-unmatched-previous = --previous：没有哪个 FILE 是 { $reports } 的下一年度报告（跨年度的规则比较同一机关相邻的两个年度）
draft-check-against = ，对照 { $reports }
draft-check-summary = 已检查 { $files } 个文件中的 { $reports } 份草稿报告{ $against }，未写入任何内容：{ $tally }
draft-check-problems = { $what }{ $files } 个文件中有 { $failed } 个存在问题，共 { $n } 个；未作检查
col-table = 表
col-read_at = 读取位置
col-hint = 提示

## 历史：版本、导入日志与撤销、删除、更正

import-kept = （其中 { $kept } 份仍以已存的更完整读取结果为当前版本：凡两者都填报的单元格都一致，而新读取的填报较少）
correct-no-reason = 请用 --reason TEXT 说明理由
correct-done = 已更正 { $agency } { $year }：版本 { $version }：{ $change }
history-none = { $agency } 没有 { $year } 年度的报告，也从未有过
show-no-version = { $agency } { $year } 没有版本 { $version }（gov-db history 列出其各版本）
col-version = 版本
col-status = 状态
col-at = 时间
col-by = 由何产生
col-cells = 单元格数
col-change = 改动
col-run = 导入编号
col-started_at = 开始时间
col-paths = 路径
col-new = 新增
col-replaced = 替换
col-unchanged = 未变
col-kept = 保留
col-files = 文件数
col-undone_at = 撤销时间
col-file = 文件
col-result = 结果
col-detail = 详情
col-printed = 印出的值
undo-nothing = 没有可撤销的导入
undo-no-run = 没有第 { $run } 次导入
undo-already = 第 { $run } 次导入已经撤销（{ $at }）
undo-before-history = 第 { $run } 次导入由没有历史功能的 gov-db 完成：没有可用于撤销的记录
undo-done = 已撤销第 { $run } 次导入（{ $paths }）：移除新增报告 { $removed } 份，恢复被替换的报告 { $restored } 份
undo-agencies = ；移除它新建的机关 { $agencies } 个
undo-touched-import = 之后第 { $later } 次导入替换了它；请先撤销第 { $later } 次
undo-touched-correction = 之后它被更正过（gov-db history 显示该更正）
undo-touched-deletion = 之后它被删除了；请先撤销删除（gov-db delete --undo）
undo-touched-other = 之后的改动替换了它
undo-touched = 无法撤销第 { $run } 次导入：它写入了 { $agency } { $year } 的版本 { $version }，而{ $what }
delete-no-report = { $agency } 没有 { $year } 年度的报告
delete-done = 已删除 { $agency } { $year }（版本 { $version } 保留在其历史中；gov-db delete --undo --agency { $agency } --year { $year } 可恢复）
delete-none-deleted = { $agency } 没有被删除的 { $year } 年度报告
delete-undo-occupied = { $agency } 又有了 { $year } 年度的报告（删除后导入的）：请先删除它，才能恢复被删除的那份
delete-undone = 已恢复 { $agency } { $year }（版本 { $version }，与删除前相同）

## 命令行参数的错误（src/i18n/clap_error.rs；英文用 clap 自己的）

clap-unknown-argument = 意外的参数 '{ $arg }'
clap-missing-value = '{ $arg }' 需要一个值，但没有给出
clap-invalid-value = '{ $arg }' 的值 '{ $value }' 无效
clap-possible-values = [可选值：{ $values }]
clap-value-validation = '{ $arg }' 的值 '{ $value }' 无效：{ $reason }
clap-invalid-subcommand = 无法识别的子命令 '{ $name }'
clap-missing-required = 缺少以下必需的参数：
clap-missing-subcommand = '{ $name }' 需要一个子命令，但没有给出
clap-subcommands = [子命令：{ $names }]
clap-conflict-repeated = 参数 '{ $arg }' 不能多次给出
clap-conflict = 参数 '{ $arg }' 不能与 { $other } 同时使用
clap-conflict-others = 给出的其他参数
clap-too-many-values = '{ $arg }' 不接受更多的值，多出了 '{ $value }'
clap-number-of-values = '{ $arg }' 需要 { $expected } 个值，给出了 { $n } 个
clap-no-equals = 给 '{ $arg }' 赋值时需要等号
clap-invalid-utf8 = 参数中有无效的 UTF-8
clap-tip-similar = 提示：有相近的{ $kind ->
        [argument] 参数
        [value] 值
       *[subcommand] 子命令
    }：{ $names }
clap-tip-as-value = 提示：要把 '{ $arg }' 作为值传入，请用 '-- { $arg }'
clap-try-help = 更多信息请用 '{ $flag }'。

## gov-db agency（src/cmd/agency.rs、src/store/identity/）

agency-op-alias = {$name} 是 {$canonical} 的名称
agency-op-merge = 已将 {$from} 合并入 {$into}
agency-op-split = 已将 {$names} 从 {$from} 分出到 {$into}（{ $n ->
        [0] 没有报告
       *[other] 报告 {$years}
    }）
agency-op-import = 已设置 {$n} 个机关的区划、层级或上级
agency-unknown = 没有名为 {$name} 的机关（gov-db agency list 列出各机关）
agency-unknown-near = 没有名为 {$name} 的机关；{$suggestion}
agency-from-after-to = --from {$from} 晚于 --to {$to}：名称开始使用的年度应在前
agency-split-what = 请说明要分出什么：--name 名称 和/或 --year 年度
agency-no-duplicates = 没有疑似重复的机关
agency-all-placed = 每个机关都已确定区划
agency-csv-no-name = 没有 `name` 列
agency-csv-empty-name = 第 {$line} 行：名称为空
suggest-prefix = 名称相差前缀 {$prefix}
suggest-one-char = 名称相差一个字（{$chars}）
suggest-same-region = 同一区划 {$region}
suggest-regions-nest = 区划 {$a} 与 {$b} 相包含
suggest-no-overlap = 报告年度不重叠（{$a} / {$b}）
suggest-both-report = 两者都有 {$years} 年度的报告（合并前请先确定哪份正确）
col-canonical = 规范名称
col-evidence = 依据
col-to_accept = 接受方法
col-candidates = 候选区划
col-why = 原因
col-years = 年度

## 其他命令

sql-read-only = gov-db sql 以只读方式打开数据库：要修改请加 --write
review-finding = {$severity} {$rule} {$agency} {$year} {$cell}（应为 {$expected}，印出 {$actual}）
chart-trend-legend = {$title} · {$from}–{$to}（▁ 低 … █ 高，各机关分别计；空白：无报告）
chart-pp = {$change} 个百分点
chart-cagr = 年均增长 {$change}%

## import --dry-run：读出的已发布报告（src/read/report/mod.rs）

dry-run-format = 格式：{$format}（{$encoding}）
dry-run-agency = 机关：{$agency}（{ $from ->
        [option] 取自 {$option}
        [period] 取自统计期限
        [title] 取自标题
       *[none] 未找到
    }）
dry-run-year = 年度：{$year}（{ $from ->
        [option] 取自 {$option}
        [period] 取自统计期限
        [title] 取自标题
       *[none] 未找到
    }）
dry-run-template = 模板：{$template} 年版
dry-run-title = 标题：{$title}
dry-run-section = {$code} {$label}（{$n} 行）
dry-run-warning = 警告：{$warning}
dry-run-not-read = 未读出：{$why}

## 读取已发布报告：拒绝某表或某行的原因（src/read/report/）

read-table-row = {$table}“{$label}”行（{$code}）：{$message}
read-table = {$table}：{$message}
read-at = {$message}（{$at}）
read-printed = {$why}；印出的是：{$printed}
read-cell-count = 应有 {$expected} 个单元格，读到 {$found} 个
read-too-many-cuts = 连在一起的数字切分成 {$cells} 个单元格的方式太多，无法确定
read-no-cut-fits = 连在一起的数字无论怎样切分成 {$cells} 个单元格都不满足表内的勾稽关系（其中一种读法：{$reading}）
read-subtotal = 小计行“{$label}”：{$why}
read-no-table-three = 没有找到表三（没有“一、本年新收政府信息公开申请数量”行）
read-table-twice = 印了两次且数字不同（{$first} 处和 {$second} 处）：一个文件里有两份报告，或同一张表以不同数字重复印出；请把每份报告单独导入，或删去有误的那张表
read-row-not-found = 没有在模板所定的位置找到该行

## 目录中的图片（src/cmd/import/image.rs）

import-image-without-table = 图片中没有带格线的表格（不是报告）
import-picture-of-page = {$page} 中表格的图片，随该网页一并读取
import-picture-alone = {$page} 中一张表格的图片，不是单独的报告：请导入该网页，网页会一并读取其中的图片
import-skipped = 已跳过：{$path}：{$why}

## gov-db history、correct 和 import undo：各版本改了什么（src/store/history/）

history-cells = { $what ->
        [changed] 改动
        [added] 新增
        [corrected] 更正时新增
       *[dropped] 不再列出
    } {$n} 个单元格：{$cells}
history-separator = ；
list-separator = 、
list-more = ，另有 {$n} 个
history-correction = {$cells}（理由：{$reason}）
history-template = 模板 {$from} → {$to}
history-printed-name = 印出的名称 {$from} → {$to}
history-same-cells = 单元格相同，重新读取
history-corrections-stay = 版本 {$version} 的 {$n} 处更正保留在其历史中
history-by-correction = 更正
history-by-import = 第 {$run} 次导入
history-first-reading = 首次读取
history-deleted = 已删除（gov-db delete --undo 可恢复）
undo-restored = {$agency} {$year} 恢复到版本 {$version}
undo-restored-list = （{$list}）

## 数字的读取位置（src/i18n/origin.rs）

origin-separator = ；
origin-report = {$year} 年度报告：{$at}
origin-by-hand = 人工补填（{$file} 的草稿）
origin-printed = 打印为 PDF 后{$at}
origin-line = 第 {$line} 行
origin-cell = 表格 {$table} 第 {$row} 行第 {$cell} 格
origin-sheet = 工作表 {$sheet} 第 {$row} 行第 {$cell} 格
ocr-doubt = {$place}：{$said}
ocr-doubt-separator = ；
ocr-unsure = OCR 未能确定读出每个数字，且{$why}：{$cells}
ocr-no-number = OCR 在 {$n} 个有墨迹的单元格中未读出数字：{$cells}
ocr-why-too-many = 各种读法的组合超过 {$max} 种，无法逐一对照勾稽关系
ocr-why-unread = 表格无法读取
ocr-why-none-fits = Tesseract 对这些单元格的读法没有一种组合满足全部勾稽关系
ocr-why-several-fit = Tesseract 对这些单元格的读法有不止一种组合满足全部勾稽关系
ocr-said = {$px} 像素{$how} 读作“{$text}”（{$conf}）
ocr-said-nothing = {$px} 像素{$how} 未读出内容
ocr-said-in-page = 整页识别读作“{$text}”（{$conf}）
ocr-said-nothing-in-page = 整页识别未读出内容
ocr-said-separator = ，
ocr-said-unit = “{$text}”（仅数字，{$conf}），单位读作{$units}
ocr-said-unit-or = 或
ocr-said-sealed = “{$text}”（{$conf}），但{$why}
ocr-said-and = {$said}；{$why}
ocr-seal-why = 印章的圆环穿过或挨着该数字，数字的一部分可能在圆环之下
ocr-stamped = 未读出内容：印章的墨迹横穿该单元格，没有数字与之分开
ocr-sealed-empty = 未读出内容：印章的圆环横穿该单元格，其下可能有数字
origin-ocr-page = 第 {$page} 页
origin-ocr-page-picture = 第 {$page} 页第 {$picture} 张图片
origin-ocr-picture = 第 {$picture} 张图片
origin-ocr-cell = {$at}单元格 ({$cell})
origin-ocr-conf = {$at}，OCR 置信度 {$conf}
origin-ocr-alternative = {$at}，不确定：取 Tesseract 的第 {$alt} 种读法（共 {$alts} 种），即满足勾稽关系的那一种

## gov-db page：网页自身的文字（src/render/page/）

page-footer = 数字取自所列来源；悬停任一数字可见其读取位置（行号或网页表格的行与格）。
page-lede = 政府信息公开工作年度报告
page-facts = {$reports} 份报告 · 检查：错误 {$errors} 个，警告 {$warnings} 个，提示 {$notes} 个
page-trend = 趋势
page-peers = 同级比较
page-trend-note = 申请数 = 本年新收 + 上年结转；办结率 = 办结 ÷ 申请数；公开率 = (予以公开 + 部分公开) ÷ 办结（sql/trend.sql）。
page-no-trend = 没有可绘制的报告。
page-peers-note = 同一年度有报告、层级相同的机关，分全国和本省。百分位：同级中数值较低者所占的比例（相等的计一半），0–100；P25/P50/P75 在排序后的数值间插值（src/peers.rs、sql/compare.sql）。
page-peers-national = 全国同级
page-peers-provincial = 省内同级
page-no-peers = 没有同级组：机关的层级或区划代码未知。
page-metric-heading = 指标
page-this-agency = 本机关
page-percentile = 百分位
page-peers-chart = {$year}年：本机关与同级的 P25/P50/P75（灰色）
page-metric = { $metric ->
        [requests] 申请数（本年新收 + 上年结转）
        [processed] 办结数（三（七）总计）
        [resolution_rate_of_requests] 办结率
        [disclosure_rate_of_processed] 公开率（予以公开 + 部分公开）
        [withheld_rate_of_processed] 不予公开率
       *[correction_rate_of_decided] 纠错率（行政复议、行政诉讼）
    }
page-whole-report = 关于整份报告的检查结果
page-numbers = 应为 {$expected}，印出 {$actual}
page-review = 复核：{$status}
page-cell-absent = 本报告所用模板中没有此项
page-cell-blank = 报告中此格空白
page-cell-read-at = 读取位置：{$at}
page-cell-no-source = 来源不明
page-cell-csv = {$source}（规范 CSV：文件中没有位置）

check-hint = 若 {$place} 为 {$would_be}（印出 {$printed}），其所在行和列都能对上；这是供对照原文核查的提示，不是更正

## 更多列名

col-rank = 排名
col-missing = 缺报
col-percentile = 百分位
col-peer_group = 同级组
col-peer_n = 同级数
col-peer_p25 = 同级 P25
col-peer_p50 = 同级 P50
col-peer_p75 = 同级 P75
col-findings_per_report = 每份报告检查结果数
col-errors_per_report = 每份报告错误数
col-reports_with_errors = 有错误的报告数
col-stale = 已过时
col-note = 备注
col-reviewed_at = 复核时间
col-op = 操作

## 同级、中位数和覆盖（src/peers.rs、src/analysis.rs）

peer-group-level = { $level ->
        [central] 中央
        [provincial] 省级
        [prefecture] 地市级
        [county] 县级
        [township] 乡镇级
       *[other] {$level}
    }
peer-group-province = 省份 {$code}
peer-median = 中位数
peer-median-row = {$median} · {$scope}（n={$n}）
peer-scope-all = 全部机关
peer-scope-region = 地区 {$region}
coverage-missing = 缺 {$n} 个机关年度
coverage-all = Σ 全部机关

## import --list：每个文件的结果（src/store/write/tally.rs）

file-no-reports = 没有报告
file-reports = {$reports} 份报告：新增 {$new} 份，替换 {$replaced} 份，未变 {$unchanged} 份{ $kept ->
        [0] {""}
       *[other] （{$kept} 份保留了更完整的读取）
    }
file-version = 版本 {$version}
file-replaced = 版本 {$version}：{$change}
file-unchanged = 与已存的数字相同
file-kept-earlier = 保留了本次导入中较早的 {$earlier} 的更完整读取：本次读取列出其 {$stored} 个单元格中的 {$read} 个，全部相同
file-kept-stored = 保留了已存的更完整读取：本次读取列出其 {$stored} 个单元格中的 {$read} 个，全部相同
file-fuller = 本次导入中较早的 {$earlier} 的读取的更完整形式：多 {$more} 个单元格，其余相同

## 网页中的表格图片（src/read/report/imgtables.rs）

imgtables-undecoded = <img src="{$src}">：{$file} 无法作为图片读取（{$why}）；以图片发布的表格须从网页旁的文件读取，缺了它不读取该网页
imgtables-undecoded-under = “{$heading}”下的 <img src="{$src}">：{$file} 无法作为图片读取（{$why}）；以图片发布的表格须从网页旁的文件读取，缺了它不读取该网页
imgtables-not-an-image = 不是 PNG、JPEG、TIFF、GIF、WebP 或 BMP 图片
imgtables-under = （在“{$heading}”下）
imgtables-absent = ；页面在可能是表格之处显示 <img src="{$src}">{$under}，但 {$file} 不存在（以图片发布的表格从页面旁的文件读取）
imgtables-unread-kind = ；网页中有 <img src="{$src}">{$under}，{$file} 存在，但 gov-db 无法读取（{$kinds}）：若其中是表格，请存为 PNG
imgtables-held-undecoded = {$src}：网页内嵌的图片无法读取（{$why}）；以图片发布的表格须从图片读取，缺了它不读取该网页
imgtables-held-undecoded-under = “{$heading}”下的 {$src}：网页内嵌的图片无法读取（{$why}）；以图片发布的表格须从图片读取，缺了它不读取该网页
imgtables-held-unread-kind = ；网页内嵌 {$src}{$under}，gov-db 无法读取（{$kinds}）：若其中是表格，请存为 PNG
datauri-no-comma = data: URI 缺少结束其头部的逗号
datauri-too-large = 解码后 {$mb} MiB，超过图片读取上限 {$max} MiB
datauri-not-base64 = 其 base64 编码在第 {$at} 个字符处有误

## 恶意容器文件与卡住的外部程序（src/read/report/office/、program.rs）

program-timed-out = {$program} 运行超过 {$secs} 秒，已被停止（一份报告只需几秒；如需更长时间，请设置 {$var}=秒数）
office-too-large = {$part} 解压后超过 {$mb} MB：未读取（压缩炸弹，或不是报告）
office-too-deep = {$part} 的元素嵌套超过 {$max} 层（表中套表，或是恶意文件）：未读取
office-too-many-cells = 工作表“{$sheet}”的单元格超过 {$max} 个：不是报告的表格
office-too-much-text = 工作表“{$sheet}”（连同之前的工作表）单元格中的文字超过 {$mb} MB：不是报告的表格
