<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AssessmentPage</name>
    <message>
        <source>Report…</source>
        <translation>报告…</translation>
    </message>
    <message>
        <source>This assessment is signed and can no longer be changed (read-only). Its signed report is the record; to correct it, amend it: a new revision starts as a draft with the same values.</source>
        <translation>此评估已签署，不能再修改（只读），以签署的报告为准；如需更正，请“修订”：新版本以草稿开始，数值与原版本相同。</translation>
    </message>
    <message>
        <source>Amend (new revision)</source>
        <translation>修订（新版本）</translation>
    </message>
    <message>
        <source>revision %1</source>
        <translation>第 %1 版</translation>
    </message>
    <message>
        <source>assessor %1</source>
        <translation>评估人 %1</translation>
    </message>
    <message>
        <source>Reopen as draft</source>
        <translation>退回草稿</translation>
    </message>
    <message>
        <source>Mark as final</source>
        <translation>标记为终稿</translation>
    </message>
</context>
<context>
    <name>AssessmentTree</name>
    <message>
        <source>Find a plant, sector, period, status or grade</source>
        <translation>查找企业、行业、评估期、状态或等级</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Plant / period</source>
        <translation>企业 / 评估期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>指数</translation>
    </message>
    <message>
        <source>none</source>
        <translation>未定级</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>DrossClassRow</name>
    <message>
        <source>reactivity</source>
        <translation>反应性</translation>
    </message>
    <message>
        <source>toxicity</source>
        <translation>毒性</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Hazards: %1</source>
        <translation>危险特性：%1</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <source>Ledger entry</source>
        <translation>台账记录</translation>
    </message>
</context>
<context>
    <name>Form</name>
    <message>
        <source>A critical finding if not met</source>
        <translation>未满足时为严重问题</translation>
    </message>
    <message>
        <source>A major finding if not met</source>
        <translation>未满足时为主要问题</translation>
    </message>
    <message>
        <source>A minor finding if not met</source>
        <translation>未满足时为一般问题</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>依据：%1</translation>
    </message>
</context>
<context>
    <name>IndicatorBars</name>
    <message>
        <source>Benchmark %1 %2</source>
        <translation>基准值 %1 %2</translation>
    </message>
    <message>
        <source>Industry survey: average %1, min %2, max %3</source>
        <translation>行业调研：平均 %1，最小 %2，最大 %3</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
</context>
<context>
    <name>IndicatorRow</name>
    <message>
        <source>Output</source>
        <translation>产出</translation>
    </message>
    <message>
        <source>Consumption</source>
        <translation>消耗量</translation>
    </message>
    <message>
        <source>Enter as output or as consumption per tonne; the other form is converted (Ctrl+T switches)</source>
        <translation>按产出或按单位产品消耗量填写，另一种自动换算（Ctrl+T 切换）</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>依据：%1</translation>
    </message>
    <message>
        <source>Entered as output: %1 %2; typing here replaces it</source>
        <translation>当前按产出填写：%1 %2；在此输入将替换它</translation>
    </message>
</context>
<context>
    <name>LabelsDialog</name>
    <message>
        <source>Hazardous-waste labels</source>
        <translation>危险废物标签</translation>
    </message>
    <message>
        <source>Warning sign</source>
        <translation>警告标志</translation>
    </message>
    <message>
        <source>Storage zone sign</source>
        <translation>贮存分区标志</translation>
    </message>
    <message>
        <source>Facility sign</source>
        <translation>设施标志</translation>
    </message>
    <message>
        <source>Labels and signs</source>
        <translation>标签与标志</translation>
    </message>
    <message>
        <source>Primary dross (white)</source>
        <translation>一次铝灰（白灰）</translation>
    </message>
    <message>
        <source>Secondary dross (black)</source>
        <translation>二次铝灰（黑灰）</translation>
    </message>
    <message>
        <source>e.g. 1.2</source>
        <translation>如 1.2</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>for the label size (HJ 1276)</source>
        <translation>用于确定标签尺寸（HJ 1276）</translation>
    </message>
    <message>
        <source>storage</source>
        <translation>贮存</translation>
    </message>
    <message>
        <source>utilisation</source>
        <translation>利用</translation>
    </message>
    <message>
        <source>disposal</source>
        <translation>处置</translation>
    </message>
    <message>
        <source>horizontal</source>
        <translation>横版</translation>
    </message>
    <message>
        <source>vertical</source>
        <translation>竖版</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>种类</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <source>Dross</source>
        <translation>铝灰</translation>
    </message>
    <message>
        <source>Weight (t)</source>
        <translation>废物重量（t）</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>产生日期</translation>
    </message>
    <message>
        <source>Container volume (L)</source>
        <translation>容器容积（L）</translation>
    </message>
    <message>
        <source>Facility</source>
        <translation>设施类型</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>版式</translation>
    </message>
    <message>
        <source>Facility code</source>
        <translation>设施编码</translation>
    </message>
    <message>
        <source>Waste name</source>
        <translation>废物名称</translation>
    </message>
    <message>
        <source>Main components</source>
        <translation>主要成分</translation>
    </message>
    <message>
        <source>Harmful components</source>
        <translation>有害成分</translation>
    </message>
    <message>
        <source>Precautions</source>
        <translation>注意事项</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>（默认）</translation>
    </message>
    <message>
        <source>Print at 100 % (actual size), never “fit to page”: the sheet carries a scale bar to check. Printing or saving reserves the serial numbers.</source>
        <translation>请按 100%（实际尺寸）打印，切勿“适合页面”；纸上有比例尺可供核对。打印或保存时将占用顺序号。</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message numerus="yes">
        <source>%1 × %2 mm, %3 per sheet on %4, %n sheet(s)</source>
        <translation>
            <numerusform>%1 × %2 mm，每张 %4 纸 %3 个，共 %n 张</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 × %2 mm on %3, %n sheet(s)</source>
        <translation>
            <numerusform>%1 × %2 mm，%3 纸，共 %n 张</numerusform>
        </translation>
    </message>
    <message>
        <source>tiled over %1 sheets each</source>
        <translation>每个分 %1 张拼接</translation>
    </message>
    <message>
        <source>Save labels</source>
        <translation>保存标签</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>Serials %1–%2</source>
        <translation>顺序号 %1–%2</translation>
    </message>
    <message>
        <source>Print labels</source>
        <translation>打印标签</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
    </message>
</context>
<context>
    <name>Ledger</name>
    <message>
        <source>primary</source>
        <translation>一次铝灰</translation>
    </message>
    <message>
        <source>secondary</source>
        <translation>二次铝灰</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Waste code</source>
        <translation>废物代码</translation>
    </message>
    <message>
        <source>Dross kind</source>
        <translation>铝灰类型</translation>
    </message>
    <message>
        <source>Movement</source>
        <translation>业务类型</translation>
    </message>
    <message>
        <source>Quantity (t)</source>
        <translation>数量(吨)</translation>
    </message>
    <message>
        <source>Container no.</source>
        <translation>容器编号</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>接收单位</translation>
    </message>
    <message>
        <source>Manifest no.</source>
        <translation>转移联单号</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <source>The plant&apos;s dross ledger for %1 and its licensed receivers. Each row is checked before it is stored; a spreadsheet is imported only when every row is valid.</source>
        <translation>本企业 %1 年的铝灰台账与持证接收单位。每条记录保存前都会校验；表格文件只有在每一行都有效时才会导入。</translation>
    </message>
    <message>
        <source>Licensed receivers</source>
        <translation>持证接收单位</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Ledger %1</source>
        <translation>%1 年台账</translation>
    </message>
    <message>
        <source>Import Excel/CSV…</source>
        <translation>导入 Excel/CSV…</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n 条</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>……另有 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>Entry added.</source>
        <translation>已新增记录。</translation>
    </message>
    <message>
        <source>Entry changed.</source>
        <translation>已修改记录。</translation>
    </message>
    <message>
        <source>Delete the ledger entry of %1?</source>
        <translation>删除 %1 的台账记录？</translation>
    </message>
    <message>
        <source>Entry deleted.</source>
        <translation>已删除记录。</translation>
    </message>
    <message>
        <source>Import a ledger</source>
        <translation>导入台账</translation>
    </message>
    <message>
        <source>Spreadsheet (*.xlsx *.xls *.csv)</source>
        <translation>表格文件 (*.xlsx *.xls *.csv)</translation>
    </message>
    <message>
        <source>%1 rows read: %2 added, %3 already stored.</source>
        <translation>读取 %1 行：新增 %2 行，%3 行已存在。</translation>
    </message>
    <message>
        <source>Receiver saved.</source>
        <translation>已保存接收单位。</translation>
    </message>
    <message>
        <source>Delete the receiver %1?</source>
        <translation>删除接收单位 %1？</translation>
    </message>
    <message>
        <source>Receiver deleted.</source>
        <translation>已删除接收单位。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Aluminium plant assessment</source>
        <translation>铝行业评估</translation>
    </message>
    <message>
        <source>New plant…</source>
        <translation>新建企业…</translation>
    </message>
    <message>
        <source>New assessment…</source>
        <translation>新建评估…</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Open database…</source>
        <translation>打开数据库…</translation>
    </message>
    <message>
        <source>Open the demo</source>
        <translation>打开演示数据</translation>
    </message>
    <message>
        <source>Open my database</source>
        <translation>打开我的数据库</translation>
    </message>
    <message>
        <source>This is the demo database: its plants and figures are examples. Your own assessments go into your database.</source>
        <translation>这是演示数据库：其中的企业和数据都是示例。您自己的评估请保存在您的数据库中。</translation>
    </message>
    <message>
        <source>The database in your data folder (created empty the first time)</source>
        <translation>数据文件夹中的数据库（首次打开时新建为空库）</translation>
    </message>
    <message>
        <source>Import assessment file…</source>
        <translation>导入评估文件…</translation>
    </message>
    <message>
        <source>Export assessment file…</source>
        <translation>导出评估文件…</translation>
    </message>
    <message>
        <source>Report…</source>
        <translation>报告…</translation>
    </message>
    <message>
        <source>Preview, sign and save the report</source>
        <translation>预览、签署并保存报告</translation>
    </message>
    <message>
        <source>Verify a report…</source>
        <translation>核验报告…</translation>
    </message>
    <message>
        <source>Print labels…</source>
        <translation>打印标签…</translation>
    </message>
    <message>
        <source>Hazardous-waste labels and signs at true size</source>
        <translation>按实际尺寸打印危险废物标签与标志</translation>
    </message>
    <message>
        <source>Mark as final</source>
        <translation>标记为终稿</translation>
    </message>
    <message>
        <source>Amend (new revision)</source>
        <translation>修订（新版本）</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>About AlAssess</source>
        <translation>关于 AlAssess</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Undo %1</source>
        <translation>撤销%1</translation>
    </message>
    <message>
        <source>Redo %1</source>
        <translation>重做%1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Assessment</source>
        <translation>评估(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Reopen as draft</source>
        <translation>退回草稿</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>✓ All changes saved %1</source>
        <translation>✓ 已全部保存 %1</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Discard the change</source>
        <translation>放弃这次修改</translation>
    </message>
    <message>
        <source>Create a new revision of %1 %2 to correct it? The signed revision and its report stay as they are.</source>
        <translation>为 %1 %2 创建新版本以便更正？已签署的版本及其报告保持不变。</translation>
    </message>
    <message>
        <source>Revision %1 created as a draft.</source>
        <translation>已创建第 %1 版（草稿）。</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>AlAssess database (*.db *.sqlite);;All files (*)</source>
        <translation>AlAssess 数据库 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import assessment file</source>
        <translation>导入评估文件</translation>
    </message>
    <message>
        <source>Assessment file (*.json);;All files (*)</source>
        <translation>评估文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export assessment file</source>
        <translation>导出评估文件</translation>
    </message>
    <message>
        <source>Assessment file (*.json)</source>
        <translation>评估文件 (*.json)</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>Offline assessment of aluminium plants: circular-economy grading, guideline, energy and carbon, aluminium dross, hazard labels and signed reports.</source>
        <translation>铝行业企业离线评估：循环经济评级、导则指标、节能降碳、铝灰管理、危险废物标签与签名报告。</translation>
    </message>
</context>
<context>
    <name>NewAssessmentDialog</name>
    <message>
        <source>New assessment</source>
        <translation>新建评估</translation>
    </message>
    <message>
        <source>Plant</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>评估期</translation>
    </message>
    <message>
        <source>Assessor</source>
        <translation>评估人</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>评估机构</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
</context>
<context>
    <name>NewIdentityDialog</name>
    <message>
        <source>Create a signing identity</source>
        <translation>创建签名身份</translation>
    </message>
    <message>
        <source>Signer&apos;s name</source>
        <translation>签名人姓名</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>评估机构</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>再次输入口令</translation>
    </message>
    <message>
        <source>A self-signed certificate: reports it signs verify as intact; the office trusts it once it adds the certificate to its trust list.</source>
        <translation>自签名证书：用它签署的报告可核验为完整；接收单位将该证书加入信任列表后即为受信任。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
</context>
<context>
    <name>NewPlantDialog</name>
    <message>
        <source>New plant</source>
        <translation>新建企业</translation>
    </message>
    <message>
        <source>18 characters (optional)</source>
        <translation>18 位（可不填）</translation>
    </message>
    <message>
        <source>In an air-pollution key region</source>
        <translation>位于大气污染防治重点区域</translation>
    </message>
    <message>
        <source>Plant name</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>评估期</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>所在地区</translation>
    </message>
    <message>
        <source>Assessor</source>
        <translation>评估人</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>评估机构</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
</context>
<context>
    <name>PickPage</name>
    <message>
        <source>Choose an assessment on the left, or create a new one (Ctrl+N).</source>
        <translation>请在左侧选择一个评估，或新建评估（Ctrl+N）。</translation>
    </message>
</context>
<context>
    <name>ReceiverDialog</name>
    <message>
        <source>Licensed receiver</source>
        <translation>持证接收单位</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>接收单位</translation>
    </message>
    <message>
        <source>Licence number</source>
        <translation>许可证编号</translation>
    </message>
    <message>
        <source>Licensed codes</source>
        <translation>经营范围（代码）</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>有效期起</translation>
    </message>
    <message>
        <source>Valid to</source>
        <translation>有效期止</translation>
    </message>
</context>
<context>
    <name>ReceiverModel</name>
    <message>
        <source>Receiver</source>
        <translation>接收单位</translation>
    </message>
    <message>
        <source>Licence number</source>
        <translation>许可证编号</translation>
    </message>
    <message>
        <source>Licensed codes</source>
        <translation>经营范围（代码）</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>有效期起</translation>
    </message>
    <message>
        <source>Valid to</source>
        <translation>有效期止</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Building the preview…</source>
        <translation>正在生成预览…</translation>
    </message>
    <message>
        <source>Report language</source>
        <translation>报告语言</translation>
    </message>
    <message>
        <source>Open a .p12…</source>
        <translation>打开 .p12…</translation>
    </message>
    <message>
        <source>New identity…</source>
        <translation>新建身份…</translation>
    </message>
    <message>
        <source>Signing identity</source>
        <translation>签名身份</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>保存为</translation>
    </message>
    <message>
        <source>Signing marks this assessment as signed: it can then no longer be edited. The assessment data travel inside the PDF, so the office can verify and import them.</source>
        <translation>签署后本评估标记为已签署，不能再修改。评估数据嵌入 PDF 中，接收单位可以核验并导入。</translation>
    </message>
    <message>
        <source>Save unsigned</source>
        <translation>保存（不签名）</translation>
    </message>
    <message>
        <source>Sign and save</source>
        <translation>签署并保存</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>This assessment is already signed; its signed report is the record.</source>
        <translation>此评估已签署，以签署的报告为准。</translation>
    </message>
    <message>
        <source>(none yet: choose or create one)</source>
        <translation>（尚无：请打开或新建）</translation>
    </message>
    <message>
        <source>PKCS#12 identity (*.p12 *.pfx)</source>
        <translation>PKCS#12 签名身份 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Choose or create a signing identity first.</source>
        <translation>请先打开或新建签名身份。</translation>
    </message>
    <message>
        <source>Enter the identity&apos;s passphrase.</source>
        <translation>请输入签名身份的口令。</translation>
    </message>
    <message>
        <source>Signed by %1 and saved: %2</source>
        <translation>已由 %1 签署并保存：%2</translation>
    </message>
    <message>
        <source>The assessment is now signed and read-only.</source>
        <translation>该评估现已签署，只读。</translation>
    </message>
    <message>
        <source>Saved (not signed): %1</source>
        <translation>已保存（未签名）：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s), report id %1</source>
        <translation>
            <numerusform>共 %n 页，报告编号 %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message>
        <source>Circular-economy index</source>
        <translation>循环经济指数</translation>
    </message>
    <message>
        <source>Indicators against their benchmarks</source>
        <translation>指标与基准值对比</translation>
    </message>
    <message>
        <source>value</source>
        <translation>填报值</translation>
    </message>
    <message>
        <source>survey range</source>
        <translation>行业调研范围</translation>
    </message>
    <message>
        <source>survey average</source>
        <translation>调研平均</translation>
    </message>
    <message>
        <source>benchmark</source>
        <translation>基准值</translation>
    </message>
    <message>
        <source>Gap to the next grade</source>
        <translation>距下一等级</translation>
    </message>
    <message>
        <source>Other modules</source>
        <translation>其他评价模块</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>问题与提示</translation>
    </message>
    <message>
        <source>no grade</source>
        <translation>未定级</translation>
    </message>
    <message>
        <source>✓ All basic requirements met</source>
        <translation>✓ 基本要求全部满足</translation>
    </message>
    <message numerus="yes">
        <source>✗ Basic requirements not met: %n</source>
        <translation>
            <numerusform>✗ 未满足的基本要求：%n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>The highest grade (5A) is reached.</source>
        <translation>已达到最高等级（5A）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; points to reach &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>距 &lt;b&gt;%2&lt;/b&gt; 还差 &lt;b&gt;%1&lt;/b&gt; 分</translation>
    </message>
    <message>
        <source>The index is enough for &lt;b&gt;%1&lt;/b&gt;; what is missing is the basic requirements:</source>
        <translation>指数已达到 &lt;b&gt;%1&lt;/b&gt;，尚缺基本要求：</translation>
    </message>
    <message>
        <source>and the basic requirement: %1</source>
        <translation>并须满足基本要求：%1</translation>
    </message>
    <message>
        <source>(or %1 ≤ %2 %3)</source>
        <translation>（或%1 ≤ %2 %3）</translation>
    </message>
    <message>
        <source>Any one of these alone:</source>
        <translation>单项达到以下任一值即可：</translation>
    </message>
    <message>
        <source>Or together:</source>
        <translation>或组合提升：</translation>
    </message>
    <message>
        <source>Nothing is missing for %1.</source>
        <translation>已满足 %1 的全部条件。</translation>
    </message>
    <message>
        <source>The circular-economy evaluation does not apply to this sector.</source>
        <translation>循环经济评价不适用于该行业。</translation>
    </message>
    <message>
        <source>No findings.</source>
        <translation>没有问题。</translation>
    </message>
    <message>
        <source>Guideline</source>
        <translation>导则指标</translation>
    </message>
    <message>
        <source>advanced %1 · compliant %2 · below %3 · missing %4</source>
        <translation>先进 %1 · 达标 %2 · 未达标 %3 · 缺失 %4</translation>
    </message>
    <message>
        <source>Energy &amp; carbon</source>
        <translation>节能降碳</translation>
    </message>
    <message>
        <source>pass %1 · fail %2 · missing %3</source>
        <translation>通过 %1 · 不通过 %2 · 缺失 %3</translation>
    </message>
    <message>
        <source>Dross</source>
        <translation>铝灰</translation>
    </message>
    <message>
        <source>management requirements met %1 %</source>
        <translation>管理要求满足 %1%</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s)</source>
        <translation>
            <numerusform>%n 个问题</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RowWidget</name>
    <message>
        <source>Source: %1</source>
        <translation>依据：%1</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>edit “%1”</source>
        <translation>编辑“%1”</translation>
    </message>
    <message>
        <source>Saving failed: %1</source>
        <translation>保存失败：%1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Field labels, hints and messages follow the language too.</source>
        <translation>字段名称、提示和消息也随语言切换。</translation>
    </message>
</context>
<context>
    <name>Tree</name>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>final</source>
        <translation>终稿</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>已签署</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Verify a report</source>
        <translation>核验报告</translation>
    </message>
    <message>
        <source>Drop a signed report (PDF) here</source>
        <translation>将签署的报告（PDF）拖放到这里</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Save the embedded data…</source>
        <translation>保存内嵌的评估数据…</translation>
    </message>
    <message>
        <source>Trust this signer…</source>
        <translation>信任此签名人…</translation>
    </message>
    <message>
        <source>Add the signer&apos;s certificate to this computer&apos;s trust list, so that their reports show as trusted</source>
        <translation>把签名人的证书加入本机的信任列表，此后其签署的报告显示为受信任</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Cannot read this file</source>
        <translation>无法读取此文件</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Valid: the report is intact and signed</source>
        <translation>有效：报告完整且已签署</translation>
    </message>
    <message>
        <source>NOT valid: the signature is missing or broken, or the report was changed</source>
        <translation>无效：没有签名、签名已损坏或报告被改动</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>签名人</translation>
    </message>
    <message>
        <source>Signing time</source>
        <translation>签名时间</translation>
    </message>
    <message>
        <source>Intact (unchanged since signing)</source>
        <translation>完整（签署后未被改动）</translation>
    </message>
    <message>
        <source>Signature matches the certificate</source>
        <translation>签名与证书相符</translation>
    </message>
    <message>
        <source>Covers the whole file</source>
        <translation>覆盖整个文件</translation>
    </message>
    <message>
        <source>Signer&apos;s certificate trusted</source>
        <translation>签名人证书受信任</translation>
    </message>
    <message>
        <source>not in the trust list; this does not make the report invalid</source>
        <translation>不在信任列表中；这不影响报告的有效性</translation>
    </message>
    <message>
        <source>Certificate fingerprint (SHA-256)</source>
        <translation>证书指纹（SHA-256）</translation>
    </message>
    <message>
        <source>Report id</source>
        <translation>报告编号</translation>
    </message>
    <message>
        <source>Embedded data match the printed hash</source>
        <translation>内嵌数据与报告上打印的哈希一致</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Trust this signer?</source>
        <translation>信任此签名人？</translation>
    </message>
    <message>
        <source>Trust reports signed by %1?

Certificate fingerprint (SHA-256):
%2

Compare it with the fingerprint the signer reads to you (shown when they verify one of their own reports, and when their identity was created) before you trust it.</source>
        <translation>信任由 %1 签署的报告？

证书指纹（SHA-256）：
%2

信任之前，请与签名人核对其读给您的指纹（签名人核验自己签署的报告时、或创建签名身份时都会显示）。</translation>
    </message>
    <message>
        <source>Save the embedded data</source>
        <translation>保存内嵌的评估数据</translation>
    </message>
    <message>
        <source>Assessment file (*.json)</source>
        <translation>评估文件 (*.json)</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Aluminium plant assessment</source>
        <translation>铝行业评估</translation>
    </message>
    <message>
        <source>Assess alumina, electrolytic, recycled-aluminium and processing plants on site, offline: circular-economy grade, guideline indicators, energy and carbon, aluminium dross, hazard labels and signed reports. Every entry is saved as you type.</source>
        <translation>在现场离线评估氧化铝、电解铝、再生铝和铝加工企业：循环经济等级、导则指标、节能降碳、铝灰管理、危险废物标签与签名报告。每一项输入都随手保存。</translation>
    </message>
    <message>
        <source>New plant…</source>
        <translation>新建企业…</translation>
    </message>
    <message>
        <source>Open the demo</source>
        <translation>打开演示数据</translation>
    </message>
    <message>
        <source>Open a database…</source>
        <translation>打开数据库…</translation>
    </message>
    <message>
        <source>Import an assessment file…</source>
        <translation>导入评估文件…</translation>
    </message>
</context>
<context>
    <name>YesNoRow</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
</TS>
