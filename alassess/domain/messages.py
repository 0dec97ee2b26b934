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
    # --- reliability: audit trail, revisions, backups, attachments, bundles
    "number_out_of_range": ("数值“{value}”超出任何实际数量的范围，请检查输入", "“{value}” is beyond the range of any real quantity; check the typing"),
    "audit_ok": ("审计日志完好：{entries} 条记录，末条 #{head_id} 哈希 {head}", "audit log intact: {entries} entries, last #{head_id} hash {head}"),
    "audit_failed": ("审计日志校验失败，发现 {n} 处问题：", "audit check failed, {n} problem(s) found:"),
    "audit_chain_broken": ("审计日志第 {id} 行之前的记录被删除或调换（哈希链在第 {before} 行之后断开）", "audit log: rows before row {id} were deleted or reordered (the hash chain breaks after row {before})"),
    "audit_row_altered": ("审计日志第 {id} 行被改动（哈希不符）", "audit log row {id} was altered (its hash does not match)"),
    "audit_tail_cut": ("审计日志末尾被截断：记录的末行为 #{id}，实际只到 #{last}", "audit log cut short: the recorded last row is #{id}, the log ends at #{last}"),
    "audit_assessment_unlogged": ("评估 {assessment} 不在审计日志中（绕过本软件直接写入）", "assessment {assessment} is not in the audit log (written behind the application's back)"),
    "audit_assessment_missing": ("审计日志中的评估 {assessment} 已不在数据库中（被删除）", "assessment {assessment} of the audit log is gone from the database (deleted)"),
    "audit_value_mismatch": ("评估 {assessment} 的 {field}：数据库中为 {stored}，审计日志为 {logged}（绕过日志被修改）", "assessment {assessment}, {field}: the database holds {stored}, the audit log says {logged} (changed behind the log's back)"),
    "audit_attachment_missing": ("附件 {id}（{name}）的文件缺失：{path}", "attachment {id} ({name}): its file is missing: {path}"),
    "audit_attachment_altered": ("附件 {id}（{name}）的文件内容与记录的 SHA-256 不符", "attachment {id} ({name}): the file no longer matches its recorded SHA-256"),
    "amend_not_signed": ("评估 {id} 的状态为 {status}，可直接修改；只有已签署的评估需要“修订”", "assessment {id} is {status} and can be edited directly; only a signed assessment needs amending"),
    "amend_not_latest": ("评估 {id} 已有更新的修订版：评估 {newer}（第 {revision} 版）；请修订最新版", "assessment {id} already has a newer revision: assessment {newer} (revision {revision}); amend the latest one"),
    "amended": ("已创建修订版：评估 {id}（第 {revision} 版，基于已签署的评估 {parent}，状态为草稿）", "created revision {revision} as assessment {id} (from signed assessment {parent}, status draft)"),
    "db_damaged": ("数据库 {path} 已损坏（{reason}）。最近的完好备份：{backup}（{when}）。恢复：alassess restore --db \"{path}\" --latest", "database {path} is damaged ({reason}). Latest good backup: {backup} ({when}). To restore: alassess restore --db \"{path}\" --latest"),
    "db_damaged_no_backup": ("数据库 {path} 已损坏（{reason}），{folder} 中没有可用的备份；请不要再写入此文件，保留它以便修复", "database {path} is damaged ({reason}) and there is no usable backup in {folder}; do not write to it, keep it for repair"),
    "damage_not_sqlite": ("不是 SQLite 数据库文件", "not an SQLite database file"),
    "damage_truncated": ("文件被截断：只有 {size} 字节，应有 {expected} 字节", "truncated: {size} of {expected} bytes"),
    "damage_empty": ("文件为空", "the file is empty"),
    "damage_unreadable": ("无法读取：{detail}", "cannot be read: {detail}"),
    "damage_check": ("完整性检查失败：{detail}", "integrity check failed: {detail}"),
    "damage_not_alassess": ("不是 AlAssess 数据库", "not an AlAssess database"),
    "damage_too_new": ("数据库版本 {detail} 比本软件新", "schema version {detail} is newer than this application"),
    "db_missing": ("数据库 {path} 不存在", "database {path} does not exist"),
    "backup_written": ("备份已写入 {path}", "backup written to {path}"),
    "backup_skipped": ("距上次备份不足 {minutes} 分钟或数据库未改动，未新建备份（最近：{path}）", "no new backup: the last one is less than {minutes} minutes old or the database has not changed (latest: {path})"),
    "backup_not_found": ("找不到备份文件 {path}", "backup file {path} not found"),
    "backup_bad": ("{path} 不是可用的备份（{reason}）", "{path} is not a usable backup ({reason})"),
    "backup_none": ("{folder} 中没有可用的备份", "no usable backup in {folder}"),
    "restore_source_required": ("请指定 --from 备份文件，或 --latest 使用最近的完好备份", "give --from BACKUP, or --latest for the latest good backup"),
    "restore_in_use": ("无法替换数据库 {path}（{reason}）；请先关闭本软件和其他打开它的程序，再恢复", "cannot replace database {path} ({reason}); close the application and anything else that has it open, then restore"),
    "restore_done": ("已从 {backup} 恢复；原数据库已另存为 {aside}（未删除）", "restored from {backup}; the previous database was kept as {aside} (not deleted)"),
    "attachment_too_large": ("附件 {name} 有 {size} 字节，超过上限 {limit} 字节；请压缩或缩小后再附", "attachment {name} has {size} bytes, more than the limit of {limit}; compress or scale it down first"),
    "attachment_bad_name": ("附件文件名“{name}”无效（不能为空，不能含路径或控制字符）", "attachment file name “{name}” is not valid (it must not be empty or contain a path or control characters)"),
    "attachment_not_found": ("找不到附件 {id}", "attachment {id} not found"),
    "attachment_damaged": ("附件 {id}（{name}）的文件缺失或已被改动；请从备份或原始数据包恢复", "attachment {id} ({name}): its file is missing or was altered; restore it from a backup or the original bundle"),
    "attachment_bad_field": ("“{key}”不是可附证据的字段", "“{key}” is not a field evidence can be attached to"),
    "bundle_not_zip": ("{path} 不是有效的数据包（不是 zip 文件或已损坏：{reason}）", "{path} is not a valid bundle (not a zip file, or damaged: {reason})"),
    "bundle_bad_manifest": ("数据包清单 manifest.json 无效：{reason_zh}", "the bundle's manifest.json is not valid: {reason_en}"),
    "bundle_bad_name": ("数据包中的文件名“{name}”不安全或无效（绝对路径、“..”、链接、重复或不允许的名称）", "the bundle holds an unsafe or invalid entry name “{name}” (absolute, “..”, a link, a duplicate or not allowed)"),
    "bundle_unlisted_entry": ("数据包中的 {name} 未列在清单中", "the bundle holds {name}, which its manifest does not list"),
    "bundle_missing_entry": ("清单列出的 {name} 不在数据包中", "the manifest lists {name}, which the bundle does not hold"),
    "bundle_hash_mismatch": ("{name} 的大小或 SHA-256 与清单不符（数据包被改动或损坏）", "{name} does not match the size or SHA-256 in the manifest (the bundle was altered or damaged)"),
    "bundle_too_large": ("{name} 超过大小上限（{limit} 字节）", "{name} exceeds the size limit ({limit} bytes)"),
    "bundle_ratio": ("{name} 的压缩比异常（{ratio}:1），疑似压缩炸弹，已拒绝", "{name} has an abnormal compression ratio ({ratio}:1), a suspected zip bomb; rejected"),
    "bundle_too_many": ("数据包条目过多（{n} 个，上限 {limit}）", "the bundle has too many entries ({n}, the limit is {limit})"),
    "bundle_encrypted": ("数据包中的 {name} 已加密或使用了不支持的压缩方式", "{name} in the bundle is encrypted or uses an unsupported compression method"),
    "bundle_content_mismatch": ("assessment.json 的内容与清单记录的摘要不符（被改动过）", "assessment.json does not match the content digest in the manifest (it was altered)"),
    "bundle_conflict": ("冲突：{plant} {period} 年第 {revision} 版在本数据库（评估 {id}）和数据包中各自被修改过；未覆盖任何数据。请核对后修改其一再导入，或用 --as-new-revision 导入为新修订版", "conflict: {plant} {period} revision {revision} was changed both in this database (assessment {id}) and in the bundle; nothing was overwritten. Reconcile and import again, or import it as a new revision with --as-new-revision"),
    "bundle_signed_target": ("冲突：本数据库中的评估 {id} 已签署，与数据包内容不同；已签署的评估不会被覆盖", "conflict: assessment {id} is signed in this database and differs from the bundle; a signed assessment is never overwritten"),
    "bundle_exported": ("已导出数据包 {path}（评估 {id}，{n} 个附件）", "bundle {path} written (assessment {id}, {n} attachment(s))"),
    "bundle_created": ("已导入为新评估 {id}", "imported as new assessment {id}"),
    "bundle_updated": ("已更新评估 {id}（本数据库自上次交换后未修改）", "updated assessment {id} (unchanged here since the last exchange)"),
    "bundle_unchanged": ("评估 {id} 已是数据包中的内容，未作改动", "assessment {id} already holds the bundle's content; nothing changed"),
    "bundle_stale": ("数据包是评估 {id} 的旧版本，本数据库之后已有修改；未作改动", "the bundle is an older state of assessment {id}, which has changed here since; nothing changed"),
    "bundle_as_revision": ("已作为新修订版导入：评估 {id}（第 {revision} 版，与评估 {parent} 冲突，请比对）", "imported as a new revision: assessment {id} (revision {revision}; it conflicts with assessment {parent}, compare them)"),
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
