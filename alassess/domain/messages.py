"""User-facing message templates for the core, in Chinese and English.

The GUI translates its own widgets through Qt; messages raised by the core (validation errors,
findings, warnings) come from here so the CLI, the GUI and the reports say the same words.
"""

from __future__ import annotations

import locale
import os

MESSAGES: dict[str, tuple[str, str]] = {
    # generic value errors
    "not_a_number": ("“{value}”不是数字，请输入数字（如 12.5）", "“{value}” is not a number; enter a number such as 12.5"),
    "not_finite": ("不接受 NaN 或无穷大，请输入有限数字", "NaN or infinity is not accepted; enter a finite number"),
    "decimal_comma": ("“{value}”含有歧义的逗号，小数点请用“.”，千位分隔符须每三位一组", "“{value}” has an ambiguous comma; use “.” for decimals and group thousands by three"),
    "percent_not_allowed": ("此字段单位为 {unit}，不能带“%”", "this field is in {unit}; remove the “%”"),
    "below_min": ("数值 {value} 小于允许的最小值 {min}{unit}", "{value} is below the minimum {min}{unit}"),
    "not_positive": ("数值须大于 0（填写的是 {value}）；消耗量为零或负数没有意义，请检查单位", "must be greater than 0 (got {value}); a zero or negative consumption is meaningless, check the unit"),
    "above_max": ("数值 {value} 大于允许的最大值 {max}{unit}", "{value} is above the maximum {max}{unit}"),
    "pct_above_100": ("百分比 {value} 超过 100；利用率的分母已含往年贮存量，请填写 0–100", "percentage {value} exceeds 100; the denominator already includes earlier stock, enter 0–100"),
    "expected_bool": ("应为“是/否”（true/false），填写的是 {value}", "expected yes/no (true/false), got {value}"),
    "expected_number": ("应为数字，填写的是 {value}", "expected a number, got {value}"),
    "expected_text": ("应为文字，填写的是 {value}", "expected text, got {value}"),
    "expected_object": ("应为对象（{{…}}），填写的是 {value}", "expected an object ({{…}}), got {value}"),
    "expected_list": ("应为列表（[…]），填写的是 {value}", "expected a list ([…]), got {value}"),
    "bad_choice": ("“{value}”不是有效选项，可选：{choices}", "“{value}” is not a valid choice; choose one of {choices}"),
    "required": ("必填项缺失，请填写", "is required; fill it in"),
    "unknown_key": ("未知字段“{key}”，请检查拼写（可用：{hint}）", "unknown key “{key}”; check the spelling (known: {hint})"),
    "unknown_field": ("未知指标“{key}”，请检查拼写；拼错的指标会被当作缺失计 0 分", "unknown field “{key}”; check the spelling, a misspelt indicator would silently score 0"),
    "bad_sector": ("行业“{value}”无效，可选：alumina、electrolytic、recycled、processing", "sector “{value}” is not valid; use alumina, electrolytic, recycled or processing"),
    "bad_period": ("评估期“{value}”无效，请填写四位年份，如 2025", "period “{value}” is not valid; enter a four-digit year such as 2025"),
    "bad_date": ("日期“{value}”无效，请使用 YYYY-MM-DD 格式，如 2025-03-31", "date “{value}” is not valid; use YYYY-MM-DD, e.g. 2025-03-31"),
    "bad_format": ("不是 AlAssess 评估文件（format 应为 alassess.assessment）", "not an AlAssess assessment file (format must be alassess.assessment)"),
    "bad_version": ("不支持的文件版本 {value}，本软件支持版本 1", "unsupported file version {value}; this application reads version 1"),
    "bad_json": ("不是有效的 JSON（第 {line} 行第 {col} 列：{reason}）", "not valid JSON (line {line}, column {col}: {reason})"),
    "duplicate_key": ("“{key}”在同一对象中出现了两次，请只保留一个", "“{key}” appears twice in the same object; keep only one"),
    "file_not_found": ("找不到文件 {path}", "file {path} not found"),
    "file_unreadable": ("无法读取文件 {path}：{reason}", "cannot read file {path}: {reason}"),
    "not_utf8": ("文件不是 UTF-8 编码，请另存为 UTF-8", "the file is not UTF-8; save it as UTF-8"),
    # credit code
    "credit_code_length": ("统一社会信用代码应为 18 位，填写的有 {n} 位", "the unified social credit code has 18 characters; this one has {n}"),
    "credit_code_chars": ("统一社会信用代码含无效字符“{chars}”（不使用 I、O、Z、S、V）", "the unified social credit code contains invalid characters “{chars}” (I, O, Z, S and V are never used)"),
    "credit_code_check": ("统一社会信用代码校验位错误：应为 {expected}，填写的是 {got}；请核对营业执照", "the unified social credit code's check character should be {expected}, not {got}; check the business licence"),
    # consumption forms
    "forms_conflict": ("产出值 {output} 与由消耗量 {consumption} 换算的 {converted} 相差 {diff}%（超过 1%），请只填一种或改正其一", "output value {output} and the value converted from consumption {consumption} ({converted}) differ by {diff}% (more than 1 %); give one form or correct one"),
    # plausibility
    "implausible_low": ("数值 {value} 远低于行业调研最小值 {min}，请检查单位或行业", "{value} is far below the survey minimum {min}; check the unit or the sector"),
    "implausible_high": ("数值 {value} 远高于行业调研最大值 {max}，请检查单位或行业", "{value} is far above the survey maximum {max}; check the unit or the sector"),
    "not_applicable_field": ("字段“{key}”不适用于{sector}行业，已忽略", "field “{key}” does not apply to the {sector} sector and was ignored"),
    # grading
    "grade_blocked_requirement": ("基本要求未满足：{names}", "basic requirements not met: {names}"),
    "grade_index_low": ("循环经济指数 {index} 低于 70", "circular-economy index {index} is below 70"),
    # store / services
    "assessment_not_found": ("找不到评估 {id}", "assessment {id} not found"),
    "plant_not_found": ("找不到企业 {id}", "plant {id} not found"),
    "assessment_signed": ("评估 {id} 已签署，不能修改；请先“修订”生成新版本", "assessment {id} is signed and cannot be changed; amend it to create a new revision"),
    "db_unreadable": ("无法打开数据库 {path}：{reason}", "cannot open database {path}: {reason}"),
    "db_too_new": ("数据库版本 {found} 比本软件支持的 {supported} 新，请升级软件", "database schema version {found} is newer than this application supports ({supported}); upgrade the application"),
    "internal_error": ("内部错误：{reason}（详情已写入 {log}）", "internal error: {reason} (details written to {log})"),
    # identities, signed reports, verification
    "passphrase_file_missing": ("找不到口令文件 {path}", "passphrase file {path} not found"),
    "passphrase_empty": ("口令文件 {path} 为空，请写入口令", "passphrase file {path} is empty; write the passphrase in it"),
    "passphrase_too_short": ("口令至少需要 {n} 个字符", "the passphrase needs at least {n} characters"),
    "identity_not_found": ("找不到签名身份文件 {path}（.p12）；先用 alassess identity create 创建或 identity import 导入", "identity file {path} (.p12) not found; create one with alassess identity create or import one with alassess identity import"),
    "identity_wrong_passphrase": ("无法打开签名身份 {path}：口令错误或文件不是 PKCS#12", "cannot open identity {path}: wrong passphrase or not a PKCS#12 file"),
    "identity_no_key": ("{path} 中没有私钥和证书，不能用于签名", "{path} holds no private key with its certificate; it cannot sign"),
    "identity_key_mismatch": ("{path} 中的私钥与证书不匹配", "the private key in {path} does not match its certificate"),
    "identity_expired": ("证书已于 {date} 过期，请更换签名身份", "the certificate expired on {date}; use another identity"),
    "identity_not_yet_valid": ("证书自 {date} 起才生效", "the certificate is valid only from {date}"),
    "identity_key_usage": ("证书的密钥用途不含数字签名，不能用于签署报告", "the certificate's key usage does not allow digital signatures; it cannot sign reports"),
    "identity_exists": ("文件 {path} 已存在；请换一个文件名或先删除它", "{path} already exists; choose another file name or delete it first"),
    "identity_name_required": ("签名人姓名不能为空", "the signer's name must not be empty"),
    "cert_unreadable": ("无法读取证书 {path}：应为 PEM、DER 或 PKCS#12（.p12 需口令文件）", "cannot read certificate {path}: expected PEM, DER or PKCS#12 (a .p12 needs --passphrase-file)"),
    "pdf_not_found": ("找不到 PDF 文件 {path}", "PDF file {path} not found"),
    "pdf_unreadable": ("无法读取 {path}：{reason}", "cannot read {path}: {reason}"),
    "not_a_pdf": ("{path} 不是 PDF 文件", "{path} is not a PDF file"),
    "no_embedded_data": ("报告中没有嵌入的评估数据（assessment.json）", "the report carries no embedded assessment data (assessment.json)"),
    "report_source_required": ("请指定评估文件，或同时给出 --db 和 --assessment", "give an assessment file, or --db together with --assessment"),
    "report_sign_needs_identity": ("签名需要 --identity 和 --passphrase-file", "signing needs --identity and --passphrase-file"),
    "sign_failed": ("签名失败：{reason}", "signing failed: {reason}"),
    # --- gui (interactive edits)
    "plant_exists": ("已有同一企业“{name}”，请在左侧列表中打开它", "a plant with these details already exists (“{name}”); open it from the list"),
    "plant_locked": ("该企业已有签署的评估，企业信息已锁定；如需更改请先修订", "this plant has a signed assessment, so its details are locked; amend to change them"),
    "sector_fixed": ("企业创建后不能更改行业；请新建企业", "a plant's sector cannot change after it is created; create a new plant"),
    "period_exists": ("评估期 {period} 已有评估，请直接打开它", "there is already an assessment for {period}; open it instead"),
    "no_consumption_form": ("指标“{key}”没有消耗量填报方式", "indicator “{key}” has no consumption form"),
    # --- dross (aluminium-dross management: classification, ledger, checks, deadlines, import)
    "dross_row": ("第 {n} 行", "row {n}"),
    "dross_row_id": ("记录 #{n}", "entry #{n}"),
    "dross_generation_mismatch": ("申报产生量 {field_value} t 与台账“产生”记录合计 {ledger_value} t 相差 {diff}%（超过 1%），已按申报值评价；请核对台账是否完整", "the reported generation {field_value} t and the ledger's generated entries ({ledger_value} t) differ by {diff}% (more than 1 %); the reported value was used; check that the ledger is complete"),
    "dross_f_below": ("{kind}产生量 {reported} t 低于预期范围 {lo}–{hi} t（产量 {production} t × {clo}–{chi} kg/t）下限减 10% 后的 {limit} t：可能漏报或存在未入账的处置，请核对台账、磅单和转移联单", "{kind}: generation {reported} t is below the expected {lo}–{hi} t (production {production} t × {clo}–{chi} kg/t) less the 10 % tolerance ({limit} t): possible under-reporting or disposal left out of the ledger; check the ledger against weighbridge slips and manifests"),
    "dross_f_above": ("{kind}产生量 {reported} t 高于预期范围 {lo}–{hi} t（产量 {production} t × {clo}–{chi} kg/t）上限加 10% 后的 {limit} t：请检查熔炼烧损、扒渣操作和计量", "{kind}: generation {reported} t is above the expected {lo}–{hi} t (production {production} t × {clo}–{chi} kg/t) plus the 10 % tolerance ({limit} t): check melt loss, skimming practice and the scales"),
    "dross_f_negative": ("台账{row}（{date}）：{code} {kind}库存降为 {stock} t，出库多于入库；请补记漏登的产生量或改正出库数量", "ledger {row} ({date}): {code} {kind} stock falls to {stock} t, more left than was recorded as coming in; record the missing generation or correct the outgoing quantity"),
    "dross_f_no_receiver": ("台账{row}（{date}）：{movement} {quantity} t {code} 未填写接收单位；请填写持证接收单位名称", "ledger {row} ({date}): the {movement} of {quantity} t of {code} names no receiver; enter the licensed receiver"),
    "dross_f_unregistered": ("台账{row}（{date}）：{quantity} t {code} 交给“{receiver}”，该单位未登记为持证接收单位；请登记其危险废物经营许可证，否则不得向其转移", "ledger {row} ({date}): {quantity} t of {code} went to “{receiver}”, which is not a registered licensed receiver; register its hazardous-waste operating licence, or stop handing dross to it"),
    "dross_f_no_licence_no": ("台账{row}（{date}）：接收单位“{receiver}”登记时没有许可证编号；请补录其危险废物经营许可证编号", "ledger {row} ({date}): receiver “{receiver}” is registered without a licence number; enter its hazardous-waste operating licence number"),
    "dross_f_expired": ("台账{row}（{date}）：接收单位“{receiver}”的许可证 {licence} 有效期 {valid_from} 至 {valid_to}，转移当日无效；请只在许可证有效期内转移，并索取换发后的许可证", "ledger {row} ({date}): receiver “{receiver}” holds licence {licence} valid {valid_from} to {valid_to}, not on the day of the transfer; transfer only while the licence is valid and ask for the renewed licence"),
    "dross_f_scope": ("台账{row}（{date}）：接收单位“{receiver}”的许可证 {licence} 经营范围（{codes}）不含 {code}；请交给经营范围包含该代码的单位", "ledger {row} ({date}): receiver “{receiver}” holds licence {licence} for {codes}, which does not cover {code}; hand it to a unit licensed for that code"),
    "dross_f_manifest": ("台账{row}（{date}）：向“{receiver}”{movement} {quantity} t 未填写转移联单号；每次转移均须运行危险废物转移联单", "ledger {row} ({date}): the {movement} of {quantity} t to “{receiver}” has no manifest number; every transfer needs a hazardous-waste transfer manifest"),
    "dross_f_secondary_self": ("台账{row}（{date}）：二次铝灰 {quantity} t {code} 记为“自行利用”；二次铝灰只能委托持证单位利用处置，请改正记录或去向", "ledger {row} ({date}): {quantity} t of secondary dross {code} recorded as used in-plant; secondary dross may only go to a licensed unit; correct the entry or the route"),
    "dross_f_mixed": ("容器 {container}：台账{row}（{date}）装入 {code}，而容器中已有 {other}；不同代码的铝灰以及铝除尘灰不得混合收集、贮存", "container {container}: ledger {row} ({date}) puts {code} into it while it still holds {other}; dross of different codes, and dust-collection ash, must never be collected or stored together"),
    "dross_f_mixed_registered": ("容器 {container} 登记用于 {other}，台账{row}（{date}）却装入 {code}；请分容器存放并更正标签", "container {container} is registered for {other}, but ledger {row} ({date}) puts {code} into it; keep them in separate containers and correct the label"),
    "dross_f_dust_ash": ("铝除尘灰（{dust}）", "dust-collection ash ({dust})"),
    "dross_f_storage": ("{code} {kind}有 {quantity} t 已贮存超过一年（最早一批产生于 {oldest}，截至 {as_of} 已 {days} 天，按先进先出计）；贮存不得超过一年，请尽快自行利用或委托持证单位利用处置", "{code} {kind}: {quantity} t has been stored for more than one year (oldest lot from {oldest}, {days} days by {as_of}, first-in first-out); storage must not exceed one year: use it in-plant or hand it to a licensed unit soon"),
    "dross_f_declaration_overdue": ("{year} 年管理计划和申报登记应于 {due} 前在{region}固体废物管理信息系统填报，截至 {as_of} 未见填报记录（6.1.3 未确认）；请立即补报", "the {year} management plan and declaration were due by {due} in the {region} solid-waste information system; by {as_of} no filing is recorded (6.1.3 not confirmed): file now"),
    "dross_f_declaration_late": ("{year} 年管理计划和申报登记于 {filed} 填报，晚于截止日 {due}", "the {year} management plan and declaration were filed on {filed}, after the deadline {due}"),
    "dross_f_ledger_overdue": ("{quarter} 管理台账应于 {due} 前在{region}固体废物管理信息系统提交，截至 {as_of} 未见提交记录（6.1.4 未确认）；请立即提交", "the {quarter} ledger was due by {due} in the {region} solid-waste information system; by {as_of} no submission is recorded (6.1.4 not confirmed): submit it now"),
    "dross_f_ledger_late": ("{quarter} 管理台账于 {filed} 提交，晚于截止日 {due}", "the {quarter} ledger was submitted on {filed}, after the deadline {due}"),
    "dross_f_requirement_unmet": ("未满足 {id}：{text}", "not met {id}: {text}"),
    "dross_f_requirement_unanswered": ("未回答 {id}（按未满足计）：{text}", "not answered {id} (counted as not met): {text}"),
    "dross_region_default": ("地区“{region}”没有单独的申报期限数据，采用{default}的期限", "region “{region}” has no deadlines of its own in the data; {default}'s deadlines are used"),
    "dross_no_self_utilization_secondary": ("台账有二次铝灰记录，但未声明厂内自行利用（self_utilization），二次铝灰产生量未核对", "the ledger has secondary dross but in-plant recovery (self_utilization) is not declared; secondary generation was not checked"),
    "dross_bad_period": ("期间“{value}”无效，请填写年份（2025）或季度（2025Q1）", "period “{value}” is not valid; enter a year (2025) or a quarter (2025Q1)"),
    "dross_bad_quarter_period": ("台账报送期间“{value}”无效，请填写季度，如 2025Q1", "ledger submission period “{value}” is not valid; enter a quarter such as 2025Q1"),
    "dross_sector_no_dross": ("{sector}行业不适用铝灰管理", "dross management does not apply to the {sector} sector"),
    "dross_entry_not_found": ("找不到台账记录 #{id}", "ledger entry #{id} not found"),
    "dross_receiver_not_found": ("找不到接收单位 #{id}", "receiver #{id} not found"),
    "dross_container_not_found": ("找不到容器 #{id}", "container #{id} not found"),
    "dross_valid_range": ("许可证有效期起始日 {valid_from} 晚于截止日 {valid_to}", "the licence's start {valid_from} is after its end {valid_to}"),
    "dross_duplicate_entry": ("相同的台账记录已存在（日期、代码、类型、动作、数量、容器、接收单位、联单号均相同）", "an identical ledger entry already exists (same date, code, kind, movement, quantity, container, receiver and manifest)"),
    "dross_plant_not_found": ("找不到企业“{plant}”，请用 alassess list 查看企业编号", "plant “{plant}” not found; see the plant ids with alassess list"),
    "ledger_import_bad_rows": ("表格有 {n} 行错误，未导入任何记录：", "{n} bad row(s) in the spreadsheet; nothing was imported:"),
    "ledger_import_row": ("第 {row} 行，列“{column}”：{message}", "row {row}, column {column}: {message}"),
    "ledger_import_missing_column": ("缺少必填列“{column}”（可用表头：{names}）", "required column “{column}” is missing (accepted headers: {names})"),
    "ledger_import_duplicate_column": ("列“{column}”出现了两次", "column “{column}” appears twice"),
    "ledger_import_empty": ("表格中没有台账记录", "the spreadsheet holds no ledger rows"),
    "ledger_import_format": ("不支持的文件类型“{ext}”，请使用 .xlsx、.xls、.ods 或 .csv", "unsupported file type “{ext}”; use .xlsx, .xls, .ods or .csv"),
    "ledger_import_encoding": ("无法识别 CSV 文件编码（已尝试 UTF-8 和 GBK），请另存为 UTF-8", "cannot tell the CSV file's encoding (tried UTF-8 and GBK); save it as UTF-8"),
    "ledger_bad_date": ("日期“{value}”无效，请填写 YYYY-MM-DD（如 2025-03-31）或 Excel 日期", "date “{value}” is not valid; enter YYYY-MM-DD (e.g. 2025-03-31) or an Excel date"),
    "ledger_bad_code": ("废物代码“{value}”无效，格式为 321-024-48", "waste code “{value}” is not valid; write it like 321-024-48"),
    "ledger_bad_quantity_sign": ("数量须大于 0（填写的是 {value}）；只有“调整”可以为负数", "the quantity must be greater than 0 (got {value}); only an adjustment may be negative"),
    "ledger_zero_adjustment": ("调整数量不能为 0", "an adjustment of 0 changes nothing; enter the difference found at stock-taking"),
    "ledger_date_range": ("日期 {value} 超出合理范围（1990 年至今后一年）", "date {value} is out of range (1990 to one year from today)"),
    # --- labels
    "labels_no_dross": ("{sector_zh}企业不产生铝灰，没有铝灰标签或标志可打印；铝灰标签适用于电解铝、再生铝和铝加工企业", "an {sector_en} plant produces no aluminium dross, so there is no dross label or sign to print; they apply to electrolytic, recycled and processing plants"),
    "labels_credit_code_required": ("打印标签需要统一社会信用代码（数字识别码的前 18 位），请在企业信息中填写", "labels need the unified social credit code (the first 18 characters of the identification code); fill it in for the plant"),
    "labels_bad_count": ("份数应为 1–{max} 的整数（顺序号只有三位），填写的是 {value}", "the count must be a whole number from 1 to {max} (the serial has three digits), not {value}"),
    "labels_bad_volume": ("容器容积应大于 0 L，填写的是 {value}", "the container volume must be greater than 0 L, not {value}"),
    "labels_bad_weight": ("废物重量应大于 0 且不超过 {max} t，填写的是 {value}", "the weight must be greater than 0 and at most {max} t, not {value}"),
    "labels_bad_paper": ("纸张“{value}”无效：请用 A4、A3、A2 或 宽x高mm（如 600x900mm）", "paper “{value}” is not valid: use A4, A3, A2 or WxHmm (e.g. 600x900mm)"),
    "labels_paper_range": ("纸张 {value} 超出范围：每边应在 {min}–{max} mm 之间", "paper {value} is out of range: each side must be {min}–{max} mm"),
    "labels_bad_size": ("标签尺寸“{value}”无效：请用 dross（004 附录A，≥200×200 mm）、hj1276（按容器容积）或 宽x高mm", "label size “{value}” is not valid: use dross (004 Appendix A, ≥ 200×200 mm), hj1276 (by container volume) or WxHmm"),
    "labels_size_too_small": ("标签尺寸 {w}×{h} mm 小于 {basis} 要求的最小尺寸 {min_w}×{min_h} mm", "label size {w}×{h} mm is smaller than the minimum {min_w}×{min_h} mm of {basis}"),
    "labels_size_too_large": ("标签尺寸 {value} 过大：每边不超过 {max} mm", "label size {value} is too large: at most {max} mm a side"),
    "labels_volume_required": ("按 HJ 1276 选择标签尺寸需要容器容积，请加上 --container-volume-l", "choosing the label size by HJ 1276 needs the container volume; add --container-volume-l"),
    "labels_bad_waste_code": ("废物代码“{value}”无效，应为 3-3-2 位数字，如 321-024-48", "waste code “{value}” is not valid; it has 3-3-2 digits, e.g. 321-024-48"),
    "labels_bad_serial": ("顺序号 {value} 无效，应为 1–{max}", "serial {value} is not valid; it must be 1–{max}"),
    "labels_bad_id_code": ("数字识别码应为 {length} 位（18+8+8+3），这个有 {n} 位", "the identification code has {length} characters (18+8+8+3); this one has {n}"),
    "labels_bad_characters": ("含有不可打印的控制字符 {chars}，请删除", "contains control characters {chars}; remove them"),
    "labels_missing_glyph": ("“{chars}”超出内置字体的字库，无法打印；请改用常用字", "“{chars}” is not in the bundled font and cannot be printed; use common characters"),
    "labels_text_too_long": ("“{caption}”内容过长：{w}×{h} mm 标签在文字高度 {t} mm 下放不下；请缩短，或用 --label-size 选更大的标签", "“{caption}” is too long: it does not fit a {w}×{h} mm label with {t} mm text; shorten it or choose a larger label with --label-size"),
    "labels_serials_exhausted": ("{code} 在 {date} 的顺序号已用到 {last}，本批还需 {count} 个，超过 {max}；请换一个产生日期", "serials of {code} on {date} are used up to {last}; this batch needs {count} more, beyond {max}; use another date"),
    "labels_bad_qr": ("不是危险废物标签二维码（首行应为 危险废物标签/HWL1）", "not a hazardous-waste label QR code (the first line must be 危险废物标签/HWL1)"),
    "labels_serials_missing": ("数据库 {path} 缺少标签顺序号表（迁移 3 未执行），请用新版本创建或修复数据库", "database {path} lacks the label serial table (migration 3 was not applied); recreate or repair it with this version"),
    "labels_source_required": ("请指定评估文件，或同时给出 --db 和 --plant", "give an assessment file, or --db together with --plant"),
    "labels_cannot_write": ("无法写入 {path}：{reason}", "cannot write {path}: {reason}"),
    "labels_first_serial_needs_no_persist": ("--first-serial 只能与 --no-persist 一起用；记录顺序号时由数据库分配", "--first-serial works only with --no-persist; recorded serials are assigned by the database"),
    "labels_paper_too_small": ("纸张 {paper} 太小：去掉页边距和说明后放不下 {min} mm 见方的拼接块；请选更大的纸", "paper {paper} is too small: after margins and the note there is no room for a {min} mm tile; choose a larger paper"),
    "file_unwritable": ("无法写入 {path}：{reason}；请换一个位置或文件名", "cannot write {path}: {reason}; choose another place or name"),
    # --- guideline, technology checklist, energy & carbon plan, trends (000 表1, 003, 002)
    "gl_level_advanced": ("先进", "advanced"),
    "gl_level_compliant": ("达标", "compliant"),
    "gl_level_below": ("未达标", "below"),
    "gl_level_missing": ("缺失", "missing"),
    "gl_level_not_applicable": ("不适用", "not applicable"),
    "gl_detail_advanced": ("{value}{unit} 达到先进值 {advanced}{unit}", "{value} {unit} reaches the advanced level {advanced} {unit}"),
    "gl_detail_advanced_single": ("{value}{unit} 达到要求值 {advanced}{unit}（达标与先进相同）", "{value} {unit} reaches the required {advanced} {unit} (compliant and advanced are the same)"),
    "gl_detail_compliant": ("{value}{unit} 达到达标值 {compliant}{unit}，未达先进值 {advanced}{unit}", "{value} {unit} meets the compliant level {compliant} {unit}, not the advanced level {advanced} {unit}"),
    "gl_detail_below": ("{value}{unit} 低于达标值 {compliant}{unit}", "{value} {unit} is below the compliant level {compliant} {unit}"),
    "gl_detail_below_single": ("{value}{unit} 低于要求值 {compliant}{unit}（达标与先进均为 {compliant}{unit}）", "{value} {unit} is below the required {compliant} {unit} (compliant and advanced are both {compliant} {unit})"),
    "gl_detail_missing": ("未填写；达标 ≥{compliant}{unit}，先进 ≥{advanced}{unit}", "not entered; compliant ≥ {compliant} {unit}, advanced ≥ {advanced} {unit}"),
    "gl_detail_not_applicable": ("仅适用于：{sectors}", "applies only to: {sectors}"),
    "gl_tech_fail": ("仍在使用：国家明令禁止、必须淘汰", "still in use: banned, must be phased out"),
    "gl_tech_pass": ("未使用", "not in use"),
    "gl_tech_missing": ("未回答是否仍在使用", "not answered whether it is still in use"),
    "gl_tech_not_applicable": ("该行业无淘汰类工艺清单", "no list of banned technologies for this sector"),
    "gl_banned_present": ("淘汰类工艺仍在使用：{name}", "banned technology still in use: {name}"),
    "ec_status_pass": ("通过", "pass"),
    "ec_status_fail": ("不通过", "fail"),
    "ec_status_missing": ("缺失", "missing"),
    "ec_status_not_applicable": ("不适用", "not applicable"),
    "ec_level_benchmark": ("标杆水平", "benchmark level"),
    "ec_level_baseline": ("基准水平", "baseline level"),
    "ec_level_below_baseline": ("低于基准水平", "below the baseline"),
    "ec_missing_input": ("未填写：{fields}", "not entered: {fields}"),
    "ec_cell_current_pass": ("{value} kA，不低于 {threshold} kA", "{value} kA, not below {threshold} kA"),
    "ec_cell_current_fail": ("{value} kA 低于 {threshold} kA：该预焙槽系列须淘汰", "{value} kA is below {threshold} kA: the prebaked pot line must be phased out"),
    "ec_efficiency_benchmark": ("{value} kWh/t ≤ 标杆值 {benchmark} kWh/t：达到能效标杆水平", "{value} kWh/t ≤ benchmark {benchmark} kWh/t: benchmark level"),
    "ec_efficiency_baseline": ("{value} kWh/t 高于标杆值 {benchmark}、不高于基准值 {baseline} kWh/t：基准水平", "{value} kWh/t is above the benchmark {benchmark} and at most the baseline {baseline} kWh/t: baseline level"),
    "ec_efficiency_below_baseline": ("{value} kWh/t 高于基准值 {baseline} kWh/t：低于能效基准水平，须技术改造或淘汰退出", "{value} kWh/t is above the baseline {baseline} kWh/t: below the baseline level, must be upgraded or exit"),
    "ec_share_pass": ("{value}% 达到 {year} 年目标 {threshold}%{region}", "{value} % meets the {year} target of {threshold} %{region}"),
    "ec_share_fail": ("{value}% 低于 {year} 年目标 {threshold}%{region}", "{value} % is below the {year} target of {threshold} %{region}"),
    "ec_region_key": ("（大气污染防治重点区域）", " (air-pollution key region)"),
    "ec_before_target": ("评估期 {period} 早于目标年 {year}", "period {period} is before the target year {year}"),
    "ec_env_grade_c": ("环保绩效 C 级：须改造升级", "environmental performance grade C: must be upgraded"),
    "ec_env_new_not_a": ("新建/改扩建项目须达到环保绩效 A 级，现为 {grade} 级", "a new or expansion project must reach grade A; it is grade {grade}"),
    "ec_env_grade_a": ("环保绩效 A 级", "environmental performance grade A"),
    "ec_env_grade_b": ("环保绩效 B 级（非新建/改扩建项目）", "environmental performance grade B (not a new or expansion project)"),
    "ec_env_b_unknown": ("环保绩效 B 级；是否新建/改扩建项目未填，无法判定（新建/改扩建须 A 级）", "grade B, but whether this is a new or expansion project is not answered, so it cannot be decided (such projects need grade A)"),
    "ec_not_new_project": ("非新建/改扩建项目", "not a new or expansion project"),
    "ec_new_project_pass": ("新建/改扩建项目电耗 {value} kWh/t ≤ 标杆值 {benchmark} kWh/t", "new/expansion project at {value} kWh/t ≤ benchmark {benchmark} kWh/t"),
    "ec_new_project_fail": ("新建/改扩建项目须达到能效标杆水平：电耗 {value} kWh/t 高于 {benchmark} kWh/t", "a new or expansion project must reach the benchmark: {value} kWh/t is above {benchmark} kWh/t"),
    "ec_not_key_region": ("企业不在大气污染防治重点区域", "the plant is not in an air-pollution key region"),
    "ec_key_region_fail": ("重点区域不再新增电解铝产能，而本次为新建/改扩建项目（如经产能置换未新增产能，请核实并在报告中说明）", "no new electrolytic capacity in a key region, yet this is a new or expansion project (if capacity replacement adds no capacity, verify and state it in the report)"),
    "ec_key_region_pass": ("重点区域内，无新建/改扩建项目", "in a key region, no new or expansion project"),
    "ec_coal_fail": ("新增了自备燃煤机组（原则上不再新增）", "new self-owned coal-fired units were added (in principle none may be)"),
    "ec_coal_pass": ("未新增自备燃煤机组", "no new self-owned coal-fired units"),
    "tr_plant_no_assessments": ("企业 {id} 在数据库中没有评估", "plant {id} has no assessments in the database"),
}

SECTOR_NAMES = {
    "alumina": ("氧化铝", "alumina"),
    "electrolytic": ("电解铝", "electrolytic aluminium"),
    "recycled": ("再生铝", "recycled aluminium"),
    "processing": ("铝加工", "aluminium processing"),
}


def default_lang() -> str:
    """'zh' when the user's locale is Chinese, else 'en'."""
    for var in ("ALASSESS_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        val = os.environ.get(var)
        if val:
            return "zh" if val.lower().startswith("zh") else "en"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:  # pragma: no cover - broken locale settings
        loc = ""
    return "zh" if loc.lower().startswith("zh") else "en"


def text(key: str, lang: str = "en", /, **params: object) -> str:
    zh, en = MESSAGES[key]
    template = zh if lang == "zh" else en
    return template.format(**params)


def sector_name(sector: str, lang: str = "en") -> str:
    zh, en = SECTOR_NAMES.get(sector, (sector, sector))
    return zh if lang == "zh" else en
