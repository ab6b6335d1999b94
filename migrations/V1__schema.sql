-- gov-db schema, version 1.
--
-- A report is one agency x statistics year. Its numbers live in `fact`, keyed by report, row
-- and column, and stored sparsely: a cell the report states is listed in its `shape`; a stated
-- cell with no `fact` row is 0, a `fact` row with NULL is a cell left blank. Most cells of a
-- real report are 0, so this keeps the fact table (and every scan of it) a fraction of a dense
-- one, while blank and zero stay apart. Reports with the same set of stated cells share a
-- shape, so the shape costs one integer per report.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE section (
    id       INTEGER PRIMARY KEY,
    code     TEXT NOT NULL UNIQUE,
    label_zh TEXT NOT NULL,
    label_en TEXT NOT NULL,
    sort     INTEGER NOT NULL
) STRICT;

-- templates: 1 = 2019 template only, 2 = 2021 only, 3 = both.
CREATE TABLE row_dim (
    id         INTEGER PRIMARY KEY,
    section_id INTEGER NOT NULL REFERENCES section(id),
    code       TEXT NOT NULL,
    label_zh   TEXT NOT NULL,
    label_en   TEXT NOT NULL,
    grp        TEXT NOT NULL,
    sort       INTEGER NOT NULL,
    templates  INTEGER NOT NULL CHECK (templates BETWEEN 1 AND 3),
    UNIQUE (section_id, code)
) STRICT;

CREATE TABLE col_dim (
    id         INTEGER PRIMARY KEY,
    section_id INTEGER NOT NULL REFERENCES section(id),
    code       TEXT NOT NULL,
    label_zh   TEXT NOT NULL,
    label_en   TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('count', 'signed', 'money')),
    sort       INTEGER NOT NULL,
    UNIQUE (section_id, code)
) STRICT;

CREATE TABLE agency (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    region_code TEXT CHECK (region_code GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'),
    level       TEXT CHECK (level IN ('central', 'provincial', 'prefecture', 'county', 'township')),
    parent_id   INTEGER REFERENCES agency(id)
) STRICT;

CREATE TABLE shape (
    id     INTEGER PRIMARY KEY,
    digest TEXT NOT NULL UNIQUE,
    cells  INTEGER NOT NULL CHECK (cells > 0)
) STRICT;

CREATE TABLE shape_cell (
    shape_id INTEGER NOT NULL REFERENCES shape(id),
    row_id   INTEGER NOT NULL REFERENCES row_dim(id),
    col_id   INTEGER NOT NULL REFERENCES col_dim(id),
    PRIMARY KEY (shape_id, row_id, col_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE report (
    id             INTEGER PRIMARY KEY,
    agency_id      INTEGER NOT NULL REFERENCES agency(id),
    year           INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    template       INTEGER NOT NULL CHECK (template IN (2019, 2021)),
    shape_id       INTEGER NOT NULL REFERENCES shape(id),
    format         TEXT NOT NULL CHECK (format IN ('csv', 'text', 'html', 'markdown', 'pdf')),
    source         TEXT,
    content_hash   TEXT NOT NULL,
    parser_version TEXT NOT NULL,
    imported_at    TEXT NOT NULL,
    UNIQUE (agency_id, year)
) STRICT;

CREATE INDEX report_year ON report(year);

-- Counts: NULL (blank) or non-zero; zeros are implied by the shape. Only 本年增/减 (col 28)
-- may be negative.
CREATE TABLE fact (
    report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
    row_id    INTEGER NOT NULL,
    col_id    INTEGER NOT NULL,
    value     INTEGER CHECK (value IS NULL OR value > 0 OR (value < 0 AND col_id = 28)),
    PRIMARY KEY (report_id, row_id, col_id)
) STRICT, WITHOUT ROWID;

-- Money, as printed, zero or not: every stated money cell has a row here.
CREATE TABLE fact_money (
    report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
    row_id    INTEGER NOT NULL,
    col_id    INTEGER NOT NULL,
    value     TEXT CHECK (value IS NULL OR (value GLOB '[0-9]*' AND value NOT GLOB '*[^0-9.]*'
                          AND value NOT GLOB '*.*.*' AND value NOT GLOB '*.')),
    PRIMARY KEY (report_id, row_id, col_id)
) STRICT, WITHOUT ROWID;

-- Where each number of a published report was read: a line, or table/row/cell.
CREATE TABLE fact_origin (
    report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
    row_id    INTEGER NOT NULL,
    col_id    INTEGER NOT NULL,
    origin    TEXT NOT NULL,
    PRIMARY KEY (report_id, row_id, col_id)
) STRICT, WITHOUT ROWID;

-- Per-report totals kept at import, so rankings and rates never scan `fact`. Each is the 总计
-- column as printed, or the sum of the six applicant columns where 总计 was left blank, or
-- NULL where the row was not stated at all.
CREATE TABLE report_summary (
    report_id            INTEGER PRIMARY KEY REFERENCES report(id) ON DELETE CASCADE,
    received_new         INTEGER,
    carried_in           INTEGER,
    total_processed      INTEGER,
    carried_out          INTEGER,
    granted              INTEGER,
    partly_granted       INTEGER,
    withheld             INTEGER,
    unavailable          INTEGER,
    not_processed        INTEGER,
    other_processed      INTEGER,
    review_upheld        INTEGER,
    review_corrected     INTEGER,
    review_other         INTEGER,
    review_pending       INTEGER,
    review_total         INTEGER,
    litigation_upheld    INTEGER,
    litigation_corrected INTEGER,
    litigation_other     INTEGER,
    litigation_pending   INTEGER,
    litigation_total     INTEGER
) STRICT;

CREATE TABLE import_run (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    version     TEXT NOT NULL,
    paths       TEXT NOT NULL,
    new         INTEGER NOT NULL CHECK (new >= 0),
    replaced    INTEGER NOT NULL CHECK (replaced >= 0),
    unchanged   INTEGER NOT NULL CHECK (unchanged >= 0)
) STRICT;

-- The contract's codes (src/contract.rs); a unit test keeps both in step.
INSERT INTO section (id, code, label_zh, label_en, sort) VALUES
    (1, 'proactive', '主动公开政府信息情况', 'Proactive disclosure', 1),
    (2, 'requests', '收到和处理政府信息公开申请情况', 'Requests received and processed', 2),
    (3, 'appeals', '政府信息公开行政复议、行政诉讼情况', 'Administrative review and litigation', 3);

INSERT INTO row_dim (id, section_id, code, label_zh, label_en, grp, sort, templates) VALUES
    (1, 1, 'rules', '规章', 'Rules', 'documents', 1, 3),
    (2, 1, 'normative_documents', '行政规范性文件', 'Normative documents', 'documents', 2, 3),
    (3, 1, 'licensing', '行政许可', 'Administrative licensing', 'decisions', 3, 3),
    (4, 1, 'other_admin_services', '其他对外管理服务事项', 'Other external administrative services', 'decisions', 4, 1),
    (5, 1, 'penalties', '行政处罚', 'Administrative penalties', 'decisions', 5, 3),
    (6, 1, 'coercive_measures', '行政强制', 'Administrative coercive measures', 'decisions', 6, 3),
    (7, 1, 'fees', '行政事业性收费', 'Administrative fees', 'fees', 7, 3),
    (8, 1, 'procurement', '政府集中采购', 'Centralised government procurement', 'procurement', 8, 1),
    (10, 2, 'received_new', '本年新收政府信息公开申请数量', 'New requests received this year', 'intake', 9, 3),
    (11, 2, 'carried_in', '上年结转政府信息公开申请数量', 'Requests carried over from last year', 'intake', 10, 3),
    (12, 2, 'granted', '予以公开', 'Granted', 'outcome', 11, 3),
    (13, 2, 'partly_granted', '部分公开', 'Partly granted', 'outcome', 12, 3),
    (14, 2, 'withheld_state_secret', '属于国家秘密', 'Withheld: state secret', 'withheld', 13, 3),
    (15, 2, 'withheld_law_forbidden', '其他法律行政法规禁止公开', 'Withheld: forbidden by other laws', 'withheld', 14, 3),
    (16, 2, 'withheld_security_stability', '危及“三安全一稳定”', 'Withheld: endangers security or stability', 'withheld', 15, 3),
    (17, 2, 'withheld_third_party', '保护第三方合法权益', 'Withheld: third-party rights', 'withheld', 16, 3),
    (18, 2, 'withheld_internal_affairs', '属于三类内部事务信息', 'Withheld: internal affairs', 'withheld', 17, 3),
    (19, 2, 'withheld_process_info', '属于四类过程性信息', 'Withheld: process information', 'withheld', 18, 3),
    (20, 2, 'withheld_enforcement_file', '属于行政执法案卷', 'Withheld: enforcement file', 'withheld', 19, 3),
    (21, 2, 'withheld_admin_query', '属于行政查询事项', 'Withheld: administrative query', 'withheld', 20, 3),
    (22, 2, 'unavailable_not_held', '本机关不掌握相关政府信息', 'Unavailable: not held', 'unavailable', 21, 3),
    (23, 2, 'unavailable_needs_creation', '没有现成信息需要另行制作', 'Unavailable: would need creating', 'unavailable', 22, 3),
    (24, 2, 'unavailable_unclear', '补正后申请内容仍不明确', 'Unavailable: still unclear after correction', 'unavailable', 23, 3),
    (25, 2, 'rejected_petition', '信访举报投诉类申请', 'Not processed: petition or complaint', 'not_processed', 24, 3),
    (26, 2, 'rejected_duplicate', '重复申请', 'Not processed: duplicate', 'not_processed', 25, 3),
    (27, 2, 'rejected_publication', '要求提供公开出版物', 'Not processed: asks for publications', 'not_processed', 26, 3),
    (28, 2, 'rejected_excessive', '无正当理由大量反复申请', 'Not processed: excessive repetition', 'not_processed', 27, 3),
    (29, 2, 'rejected_confirmation', '要求行政机关确认或重新出具已获取信息', 'Not processed: asks to confirm or reissue', 'not_processed', 28, 3),
    (30, 2, 'other_no_correction', '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 'Other: no correction in time', 'other', 29, 2),
    (31, 2, 'other_unpaid_fee', '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', 'Other: fee not paid', 'other', 30, 2),
    (32, 2, 'other_misc', '其他', 'Other: miscellaneous', 'other', 31, 2),
    (33, 2, 'other_processing', '其他处理', 'Other processing (one row)', 'other', 32, 3),
    (34, 2, 'total_processed', '总计', 'Total processed', 'total', 33, 3),
    (35, 2, 'carried_out', '结转下年度继续办理', 'Carried over to next year', 'carry', 34, 3),
    (40, 3, 'admin_review', '行政复议', 'Administrative review', 'review', 35, 3),
    (41, 3, 'litigation_direct', '未经复议直接起诉', 'Litigation without prior review', 'litigation', 36, 3),
    (42, 3, 'litigation_after_review', '复议后起诉', 'Litigation after review', 'litigation', 37, 3);

INSERT INTO col_dim (id, section_id, code, label_zh, label_en, kind, sort) VALUES
    (1, 2, 'natural_person', '自然人', 'Natural persons', 'count', 1),
    (2, 2, 'commercial_enterprise', '商业企业', 'Commercial enterprises', 'count', 2),
    (3, 2, 'research_institution', '科研机构', 'Research institutions', 'count', 3),
    (4, 2, 'social_welfare_org', '社会公益组织', 'Social welfare organisations', 'count', 4),
    (5, 2, 'legal_service_org', '法律服务机构', 'Legal service organisations', 'count', 5),
    (6, 2, 'other_org', '其他', 'Other organisations', 'count', 6),
    (7, 2, 'total', '总计', 'Total', 'count', 7),
    (10, 3, 'upheld', '结果维持', 'Upheld', 'count', 8),
    (11, 3, 'corrected', '结果纠正', 'Corrected', 'count', 9),
    (12, 3, 'other', '其他结果', 'Other result', 'count', 10),
    (13, 3, 'pending', '尚未审结', 'Pending', 'count', 11),
    (14, 3, 'total', '总计', 'Total', 'count', 12),
    (20, 1, 'issued', '本年制发件数', 'Issued this year', 'count', 13),
    (21, 1, 'repealed', '本年废止件数', 'Repealed this year', 'count', 14),
    (22, 1, 'in_force', '现行有效件数', 'In force', 'count', 15),
    (23, 1, 'made', '本年新制作数量', 'Made this year', 'count', 16),
    (24, 1, 'published', '本年新公开数量', 'Published this year', 'count', 17),
    (25, 1, 'published_total', '对外公开总数量', 'Published in total', 'count', 18),
    (26, 1, 'decisions', '处理决定数量', 'Decisions', 'count', 19),
    (27, 1, 'prior_items', '上一年项目数量', 'Items last year', 'count', 20),
    (28, 1, 'change', '本年增/减', 'Change this year', 'signed', 21),
    (29, 1, 'amount_10k_yuan', '收费金额（单位：万元）', 'Amount (10k yuan)', 'money', 22),
    (30, 1, 'items', '采购项目数量', 'Procurement items', 'count', 23);
