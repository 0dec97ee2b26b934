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
