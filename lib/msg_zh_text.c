/*
 * msg_zh_text.c - Simplified Chinese translations of free texts: the
 * formats of the library's error messages (fn_err_set) and of the command
 * line's output (cli_printf), keyed by their English text (see msg.h).
 * Each translation takes the same printf arguments in the same order
 * (tests/unit/test_msg.c checks it). Terms as in GLOSSARY-zh.
 */
#include <stddef.h>
#include "funnel/msg.h"

const struct fn_text fn_zh_texts[] = {
	{"missing subcommand",
	 "缺少子命令"},
	{"unknown subcommand '%s'",
	 "没有子命令“%s”"},
	{"unknown option '%s'",
	 "没有选项“%s”"},
	{"option --%s takes no value",
	 "选项 --%s 不带值"},
	{"option --%s needs a value",
	 "选项 --%s 需要一个值"},
	{"missing argument (usage: %s)",
	 "缺少参数（用法：%s）"},
	{"too many arguments (usage: %s)",
	 "参数过多（用法：%s）"},
	{"%s: '%s' is not an amount (e.g. 1234.50)",
	 "%s：“%s”不是金额（例如 1234.50）"},
	{"%s: '%s' is not a period (2026, 2026-Q4 or 2026-11)",
	 "%s：“%s”不是期间（2026、2026-Q4 或 2026-11）"},
	{"%s: '%s' is not a probability (a percentage 0..100: 35 or "
	 "35%%)",
	 "%s：“%s”不是概率（0..100 的百分数：35 或 35%%）"},
	{"%s: '%s' is not a forecast category (pipeline, best_case, "
	 "commit, omitted)",
	 "%s：“%s”不是预测类别（pipeline、best_case、commit、omitted）"},
	{"%s: '%s' is not an ISO 4217 code such as USD",
	 "%s：“%s”不是 ISO 4217 货币代码（如 USD）"},
	{"cannot write the output",
	 "无法写入输出"},
	{"--name is required",
	 "必须给出 --name"},
	{"%s account %s\n",
	 "%s客户 %s\n"},
	{"added",
	 "已添加"},
	{"updated",
	 "已更新"},
	{"%s contact %s\n",
	 "%s联系人 %s\n"},
	{"  funnel account add ID --name N [--sector S]\n"
	 "  funnel account edit ID [--name N] [--sector S]\n"
	 "  funnel account list [--json]\n",
	 "  funnel account add ID --name 名称 [--sector 行业]\n"
	 "  funnel account edit ID [--name 名称] [--sector 行业]\n"
	 "  funnel account list [--json]\n"},
	{"  funnel contact add ID --name N [--email E] [--account "
	 "ACC]\n"
	 "      [--role power_sponsor|sponsor|influencer|user|gatekeeper]\n"
	 "  funnel contact edit ID [--name N] [--email E] [--account "
	 "ACC]\n"
	 "      [--role ROLE]\n"
	 "  funnel contact list [--account ACC] [--json]\n",
	 "  funnel contact add ID --name 名称 [--email 邮箱] [--account "
	 "客户]\n"
	 "      [--role power_sponsor|sponsor|influencer|user|gatekeeper]\n"
	 "  funnel contact edit ID [--name 名称] [--email 邮箱] [--account "
	 "客户]\n"
	 "      [--role 角色]\n"
	 "  funnel contact list [--account 客户] [--json]\n"},
	{"  funnel account add ID --name N [--sector S]\n",
	 "  funnel account add ID --name 名称 [--sector 行业]\n"},
	{"  funnel account edit ID [--name N] [--sector S]\n",
	 "  funnel account edit ID [--name 名称] [--sector 行业]\n"},
	{"  funnel account list [--json]\n",
	 "  funnel account list [--json]\n"},
	{"  funnel contact add ID --name N [--email E] [--account "
	 "ACC] [--role ROLE]\n",
	 "  funnel contact add ID --name 名称 [--email 邮箱] [--account "
	 "客户] [--role 角色]\n"},
	{"  funnel contact edit ID [--name N] [--email E] [--account "
	 "ACC] [--role ROLE]\n",
	 "  funnel contact edit ID [--name 名称] [--email 邮箱] [--account "
	 "客户] [--role 角色]\n"},
	{"  funnel contact list [--account ACC] [--json]\n",
	 "  funnel contact list [--account 客户] [--json]\n"},
	{"--seed: '%s' is not a non-negative integer",
	 "--seed：“%s”不是非负整数"},
	{"demo data in %s: %lld opportunit%s, %lld event%s (seed %llu, "
	 "today %s)\n",
	 "演示数据已写入 %s：%lld 个销售机会%.0s，%lld 个事件%.0s（"
	 "随机种子 %llu，今天为 %s）\n"},
	{"  funnel demo [--seed N] [--today DATE]\n"
	 "      create the database if needed and fill it with sample "
	 "data\n",
	 "  funnel demo [--seed 种子] [--today 日期]\n"
	 "      必要时创建数据库，并填入示例数据\n"},
	{"--format: '%s' is not an export format (csv, json)",
	 "--format：“%s”不是导出格式（csv、json）"},
	{"exported %s to %s\n",
	 "已将 %s 导出到 %s\n"},
	{"  funnel export [--format csv|json] DIR\n"
	 "      write everything as native CSV files or DIR/funnel.json\n",
	 "  funnel export [--format csv|json] 目录\n"
	 "      把全部数据写成原生 CSV 文件，或写成 目录/funnel.json\n"},
	{"--format: '%s' is not an import format (native, salesforce, "
	 "maven)",
	 "--format：“%s”不是导入格式（native、salesforce、maven）"},
	{"--encoding: '%s' is not a supported encoding (%s)",
	 "--encoding：不支持编码“%s”（支持：%s）"},
	{"%s: %s created (%llu seen), %s added, %llu skipped (already "
	 "there)\n",
	 "%s：新建 %s（共读到 %llu 个），添加 %s，跳过 %llu 个（已存在）"
	 "\n"},
	{"row",
	 "行"},
	{"rows",
	 "行"},
	{"event",
	 "个事件"},
	{"events",
	 "个事件"},
	{"  funnel import [--format native|salesforce|maven] [--map "
	 "FILE]\n"
	 "                [--encoding utf-8|latin1|windows-1252] FILE...\n"
	 "      import CSV files in one transaction (re-importing "
	 "changes nothing);\n"
	 "      files are UTF-8 unless --encoding says otherwise\n",
	 "  funnel import [--format native|salesforce|maven] [--map "
	 "文件]\n"
	 "                [--encoding utf-8|latin1|windows-1252] 文件...\n"
	 "      在一个事务中导入 CSV 文件（重复导入不会改变任何数据）"
	 "；\n"
	 "      除非 --encoding 另有指定，文件按 UTF-8 读取\n"},
	{"--fiscal-start: '%s' is not a month number 1..12",
	 "--fiscal-start：“%s”不是月份数字 1..12"},
	{"initialised %s (currency %s, fiscal year starts in month "
	 "%ld)\n",
	 "已初始化 %s（币种 %s，财年从 %ld 月开始）\n"},
	{"%s is already initialised; nothing changed\n",
	 "%s 已经初始化过；未做任何改动\n"},
	{"  funnel init [--currency USD] [--fiscal-start 1]\n"
	 "      create the database with the default process (idempotent)\n",
	 "  funnel init [--currency USD] [--fiscal-start 1]\n"
	 "      创建数据库及默认销售流程（可重复执行）\n"},
	{"--%s is required",
	 "必须给出 --%s"},
	{"ID: the id is empty",
	 "ID：编号为空"},
	{"added opportunity %s: %s, %s %s, closes %s\n",
	 "已添加销售机会 %s：%s，%s %s，预计 %s 关闭\n"},
	{"nothing to change (give --amount, --close, --category, --owner "
	 "or --probability)",
	 "没有要修改的内容（请给出 --amount、--close、--category、"
	 "--owner 或 --probability）"},
	{"opportunity %s: %s recorded\n",
	 "销售机会 %s：已记录 %s\n"},
	{"change",
	 "处修改"},
	{"changes",
	 "处修改"},
	{"opportunity %s: %s on %s\n",
	 "销售机会 %s：%s，日期 %s\n"},
	{"'%s' is not a result (won or lost)",
	 "“%s”不是关闭结果（won 或 lost）"},
	{"reopened in %s",
	 "重新打开，回到 %s"},
	{"unchecked",
	 "已撤销验证"},
	{"checked",
	 "已验证"},
	{"KIND: '%s' is not an activity (call, meeting, demo, presales, "
	 "proposal, email)",
	 "类型：“%s”不是活动类型（call、meeting、demo、presales、proposal、"
	 "email）"},
	{"  created      %s (%s ago)\n",
	 "  创建日期     %s（%s前）\n"},
	{"day",
	 "天"},
	{"  milestone    %s since %s (%s)\n",
	 "  里程碑       %s，自 %s 起（%s）\n"},
	{"  amount       %s %s\n",
	 "  金额         %s %s\n"},
	{"  close date   %s%s\n",
	 "  预计关闭日期 %s%s\n"},
	{" (past due)",
	 "（已逾期）"},
	{"  closed on    %s (booked on %s)\n",
	 "  关闭日期     %s（记账日 %s）\n"},
	{"  category     %s\n",
	 "  预测类别     %s\n"},
	{"  owner        %s\n",
	 "  负责人       %s\n"},
	{"  probability  %.0f%%%s\n",
	 "  概率         %.0f%%%s\n"},
	{" (set for this opportunity)",
	 "（为此机会单独设定）"},
	{"\n"
	 "history:\n",
	 "\n"
	 "历史记录：\n"},
	{"none",
	 "无"},
	{"\n"
	 "verifiable outcomes:%s\n",
	 "\n"
	 "客户可验证结果：%s\n"},
	{" none checked",
	 "尚无已验证的结果"},
	{" (unchecked %s)",
	 "（%s 撤销验证）"},
	{"\n"
	 "activities:%s\n",
	 "\n"
	 "销售活动：%s\n"},
	{" none",
	 "无"},
	{"  account   %s\n",
	 "  客户      %s\n"},
	{"  process   %s\n",
	 "  销售流程  %s\n"},
	{"  currency  %s\n",
	 "  币种      %s\n"},
	{"  product   %s\n",
	 "  产品      %s\n"},
	{"  source    %s\n",
	 "  来源      %s\n"},
	{"\n"
	 "as of %s:\n",
	 "\n"
	 "截至 %s：\n"},
	{"  (does not exist yet)\n",
	 "  （当时尚不存在）\n"},
	{"give --owner or --team, not both",
	 "--owner 和 --team 只能给出一个"},
	{"  funnel opp add ID --name N --owner USER --amount A --close "
	 "DATE\n"
	 "      [--milestone M] [--category C] [--account ACC] [--currency "
	 "CUR]\n"
	 "      [--product P] [--source S] [--process NAME]\n"
	 "      [--probability PCT] [--date D]\n"
	 "  funnel opp edit ID [--amount A] [--close DATE] [--category "
	 "C]\n"
	 "      [--owner USER] [--probability PCT|none] [--date D]\n"
	 "  funnel opp advance ID MILESTONE [--date D] [--override REASON]\n"
	 "  funnel opp close ID won|lost [--reason TEXT] [--date D]\n"
	 "  funnel opp reopen ID [MILESTONE] [--date D]\n"
	 "  funnel opp outcome ID OUTCOME [--date D] [--note T] [--uncheck]\n"
	 "  funnel opp uncheck ID OUTCOME [--date D]\n"
	 "  funnel opp activity ID KIND [--date D] [--note T] [--user "
	 "USER]\n"
	 "  funnel opp show ID [--as-of D] [--json]\n"
	 "  funnel opp list [--owner U|--team T] [--milestone M] [--period "
	 "P]\n"
	 "      [--category C] [--open] [--as-of D] [--json]\n"
	 "      PCT (a probability) is a percentage 0..100: 35 or "
	 "35%; OUTCOME is\n"
	 "      its name, an unambiguous start of it, or its number "
	 "('2' in the\n"
	 "      deal's milestone, '1.2' as 'funnel process show' numbers "
	 "it).\n"
	 "      D is on or before today and not before the deal was "
	 "created.\n",
	 "  funnel opp add ID --name 名称 --owner 用户 --amount 金额 "
	 "--close 日期\n"
	 "      [--milestone 里程碑] [--category 类别] [--account "
	 "客户] [--currency 币种]\n"
	 "      [--product 产品] [--source 来源] [--process 流程]\n"
	 "      [--probability 概率] [--date 日期]\n"
	 "  funnel opp edit ID [--amount 金额] [--close 日期] [--category "
	 "类别]\n"
	 "      [--owner 用户] [--probability 概率|none] [--date 日期]\n"
	 "  funnel opp advance ID 里程碑 [--date 日期] [--override 理由]\n"
	 "  funnel opp close ID won|lost [--reason 原因] [--date 日期]\n"
	 "  funnel opp reopen ID [里程碑] [--date 日期]\n"
	 "  funnel opp outcome ID 结果 [--date 日期] [--note 备注] "
	 "[--uncheck]\n"
	 "  funnel opp uncheck ID 结果 [--date 日期]\n"
	 "  funnel opp activity ID 类型 [--date 日期] [--note 备注] "
	 "[--user 用户]\n"
	 "  funnel opp show ID [--as-of 日期] [--json]\n"
	 "  funnel opp list [--owner 用户|--team 团队] [--milestone "
	 "里程碑] [--period 期间]\n"
	 "      [--category 类别] [--open] [--as-of 日期] [--json]\n"
	 "      概率是 0..100 的百分数：35 或 35%；结果（客户可验证结果）"
	 "可以是\n"
	 "      它的名称、能唯一确定它的名称开头，或它的编号（“2”指该机会所在\n"
	 "      里程碑的第 2 项，“1.2”指 show 命令给出的编号：funnel "
	 "process show）。\n"
	 "      日期不晚于今天，也不早于该机会的创建日期。\n"},
	{"  funnel opp add ID --name N --owner USER --amount A --close "
	 "DATE [options]\n",
	 "  funnel opp add ID --name 名称 --owner 用户 --amount 金额 "
	 "--close 日期 [选项]\n"},
	{"  funnel opp edit ID [--amount A] [--close DATE] [--category "
	 "C] [--owner USER] [--probability PCT|none] [--date D]\n",
	 "  funnel opp edit ID [--amount 金额] [--close 日期] [--category "
	 "类别] [--owner 用户] [--probability 概率|none] [--date 日期]\n"},
	{"  funnel opp advance ID MILESTONE [--date D] [--override REASON]\n",
	 "  funnel opp advance ID 里程碑 [--date 日期] [--override 理由]\n"},
	{"  funnel opp close ID won|lost [--reason TEXT] [--date D]\n",
	 "  funnel opp close ID won|lost [--reason 原因] [--date 日期]\n"},
	{"  funnel opp reopen ID [MILESTONE] [--date D]\n",
	 "  funnel opp reopen ID [里程碑] [--date 日期]\n"},
	{"  funnel opp outcome ID OUTCOME [--date D] [--note T] [--uncheck]\n",
	 "  funnel opp outcome ID 结果 [--date 日期] [--note 备注] "
	 "[--uncheck]\n"},
	{"  funnel opp uncheck ID OUTCOME [--date D]\n",
	 "  funnel opp uncheck ID 结果 [--date 日期]\n"},
	{"  funnel opp activity ID KIND [--date D] [--note T] [--user "
	 "USER]\n",
	 "  funnel opp activity ID 类型 [--date 日期] [--note 备注] "
	 "[--user 用户]\n"},
	{"  funnel opp show ID [--as-of D] [--json]\n",
	 "  funnel opp show ID [--as-of 日期] [--json]\n"},
	{"  funnel opp list [--owner U|--team T] [--milestone M] [--period "
	 "P] [--category C] [--open] [--as-of D] [--json]\n",
	 "  funnel opp list [--owner 用户|--team 团队] [--milestone "
	 "里程碑] [--period 期间] [--category 类别] [--open] [--as-of "
	 "日期] [--json]\n"},
	{"--move: '%s' is not OLD=NEW",
	 "--move：“%s”不是 旧=新 的形式"},
	{"saved %s from %s",
	 "已保存 %s，来自 %s"},
	{"process",
	 "个销售流程"},
	{"processes",
	 "个销售流程"},
	{"; moved %s",
	 "；已移动 %s"},
	{"  funnel process show [--json]\n"
	 "      print the sales process(es) in the process-file format, "
	 "each\n"
	 "      outcome numbered (# MILESTONE.OUTCOME) for 'funnel "
	 "opp outcome'\n"
	 "  funnel process load FILE [--move OLD=NEW]...\n"
	 "      define or change processes from a process file ('set' "
	 "is the\n"
	 "      same); a milestone the file drops while open opportunities "
	 "are\n"
	 "      in it needs --move OLD=NEW: they move to NEW, dated "
	 "today\n",
	 "  funnel process show [--json]\n"
	 "      以销售流程文件的格式打印销售流程，每个客户可验证结果都带编号\n"
	 "      （# 里程碑.结果），供 funnel opp outcome 使用\n"
	 "  funnel process load 文件 [--move 旧=新]...\n"
	 "      按销售流程文件定义或修改销售流程（set 与之相同）；"
	 "文件删去的\n"
	 "      里程碑若仍有在途机会，需要 --move 旧=新：这些机会移到“新”\n"
	 "      里程碑，日期为今天\n"},
	{"  funnel process show [--json]\n",
	 "  funnel process show [--json]\n"},
	{"  funnel process load FILE [--move OLD=NEW]...\n",
	 "  funnel process load 文件 [--move 旧=新]...\n"},
	{"  funnel process set FILE [--move OLD=NEW]...\n",
	 "  funnel process set 文件 [--move 旧=新]...\n"},
	{"RATE: '%s' is not a rate above 0 (e.g. 1.08)",
	 "汇率：“%s”不是大于 0 的汇率（例如 1.08）"},
	{"rate of %s from %s: %s\n",
	 "%s 自 %s 起的汇率：%s\n"},
	{"  funnel rate set CUR DATE RATE\n"
	 "      from DATE on, 1 CUR is RATE units of the reporting "
	 "currency\n"
	 "  funnel rate list [--json]\n",
	 "  funnel rate set 币种 日期 汇率\n"
	 "      自该日期起，1 单位该币种折合“汇率”单位的报表币种\n"
	 "  funnel rate list [--json]\n"},
	{"  funnel rate set CUR DATE RATE\n",
	 "  funnel rate set 币种 日期 汇率\n"},
	{"  funnel rate list [--json]\n",
	 "  funnel rate list [--json]\n"},
	{"give exactly one of --owner, --team and --company",
	 "--owner、--team 和 --company 必须且只能给出一个"},
	{"target of %s%s for %s: %s\n",
	 "%s%s 在 %s 的业绩目标：%s\n"},
	{"user ",
	 "用户 "},
	{"team ",
	 "团队 "},
	{"the company",
	 "全公司"},
	{"  funnel target set (--owner USER|--team TEAM|--company) "
	 "PERIOD AMOUNT\n"
	 "  funnel target list [--json]\n",
	 "  funnel target set (--owner 用户|--team 团队|--company) "
	 "期间 金额\n"
	 "  funnel target list [--json]\n"},
	{"  funnel target set (--owner USER|--team TEAM|--company) "
	 "PERIOD AMOUNT\n",
	 "  funnel target set (--owner 用户|--team 团队|--company) "
	 "期间 金额\n"},
	{"  funnel target list [--json]\n",
	 "  funnel target list [--json]\n"},
	{"--role: '%s' is not a role (rep, manager, admin, exec)",
	 "--role：“%s”不是角色（rep、manager、admin、exec）"},
	{"%s user %s (%s, %s, %s%s)\n",
	 "%s用户 %s（%s，%s，%s%s）\n"},
	{"no team",
	 "无团队"},
	{"%s team %s (%s%s%s)\n",
	 "%s团队 %s（%s%s%s）\n"},
	{", manager ",
	 "，销售经理 "},
	{"  funnel user add ID --name N [--email E] [--role rep|manager|admin|exec] "
	 "[--team TEAM]\n"
	 "  funnel user list [--json]\n",
	 "  funnel user add ID --name 名称 [--email 邮箱] [--role "
	 "rep|manager|admin|exec] [--team 团队]\n"
	 "  funnel user list [--json]\n"},
	{"  funnel team add ID --name N [--manager USER]\n"
	 "  funnel team list [--json]\n",
	 "  funnel team add ID --name 名称 [--manager 用户]\n"
	 "  funnel team list [--json]\n"},
	{"  funnel user add ID --name N [--email E] [--role rep|manager|admin|exec] "
	 "[--team TEAM]\n",
	 "  funnel user add ID --name 名称 [--email 邮箱] [--role "
	 "rep|manager|admin|exec] [--team 团队]\n"},
	{"  funnel user list [--json]\n",
	 "  funnel user list [--json]\n"},
	{"  funnel team add ID --name N [--manager USER]\n",
	 "  funnel team add ID --name 名称 [--manager 用户]\n"},
	{"  funnel team list [--json]\n",
	 "  funnel team list [--json]\n"},
	{"%s: out of memory",
	 "%s：内存不足"},
	{"%s: cannot convert from %s: %s",
	 "%s：无法从 %s 转换：%s"},
	{"%s:%ld:%d: field %s: %s",
	 "%s:%ld:%d: 字段 %s：%s"},
	{"%s:1:1: the file is UTF-16 (it starts with a UTF-16 byte-order "
	 "mark); funnel reads UTF-8: save it as \"CSV UTF-8\", or "
	 "convert it with iconv -f UTF-16 -t UTF-8",
	 "%s:1:1: 该文件是 UTF-16 编码（以 UTF-16 字节顺序标记开头）"
	 "；funnel 读取 UTF-8：请另存为“CSV UTF-8”，或用 iconv -f "
	 "UTF-16 -t UTF-8 转换"},
	{"%s: read error",
	 "%s：读取错误"},
	{"%s:1:1: the file starts with a UTF-8 byte-order mark, so "
	 "it is UTF-8, not %s: import it without --encoding",
	 "%s:1:1: 该文件以 UTF-8 字节顺序标记开头，因此是 UTF-8 编码，"
	 "而不是 %s：请不带 --encoding 导入"},
	{"%s:%ld:%ld: a NUL byte (0x00%s): this is not a text file, "
	 "or it is UTF-16 (save it as \"CSV UTF-8\", or convert it "
	 "with iconv -f UTF-16 -t UTF-8)",
	 "%s:%ld:%ld: 出现 NUL 字节（0x00%s）：这不是文本文件，或者是 "
	 "UTF-16 编码（请另存为“CSV UTF-8”，或用 iconv -f UTF-16 -t "
	 "UTF-8 转换）"},
	{"%s:%ld:%ld: the text is not UTF-8 (byte%s %s%s); if the "
	 "file is in %s, import it with `funnel import --encoding "
	 "%s ...` (or --encoding %s)",
	 "%s:%ld:%ld: 文本不是 UTF-8 编码（字节%.0s %s%s）；如果文件是 "
	 "%s 编码，请用 `funnel import --encoding %s ...` 导入（或 "
	 "--encoding %s）"},
	{"%s:%ld:%ld: byte %s is not a character in %s (%s); is the "
	 "file in another encoding (--encoding %s, or UTF-8 without "
	 "--encoding)?",
	 "%s:%ld:%ld: 字节 %s 在 %s 中不是字符（%s）；文件是否是另一种编码（"
	 "--encoding %s，或不带 --encoding 的 UTF-8）？"},
	{"%s:1:1: no header row",
	 "%s:1:1: 没有表头行"},
	{"%s:1: required column %s is missing",
	 "%s:1: 缺少必需的列 %s"},
	{"period missing",
	 "缺少期间"},
	{"fiscal year start month %d is not 1..12",
	 "财年起始月份 %d 不在 1..12 之内"},
	{"period '%s': quarter must be 1..4",
	 "期间“%s”：季度必须是 1..4"},
	{"period '%s': month must be 1..12",
	 "期间“%s”：月份必须是 1..12"},
	{"period '%s': expected YYYY, YYYY-Qn or YYYY-MM",
	 "期间“%s”：应为 YYYY、YYYY-Qn 或 YYYY-MM"},
	{"window '%s': %s side is empty",
	 "时间窗口“%s”：%s侧为空"},
	{"right",
	 "右"},
	{"left",
	 "左"},
	{"window '%s': '%s' is not a valid date YYYY-MM-DD",
	 "时间窗口“%s”：“%s”不是有效日期 YYYY-MM-DD"},
	{"window '%s'",
	 "时间窗口“%s”"},
	{"window missing",
	 "缺少时间窗口"},
	{"window '%s': expected FROM..TO",
	 "时间窗口“%s”：应为 FROM..TO"},
	{"window '%s': too long",
	 "时间窗口“%s”：过长"},
	{"window '%s': starts %s, after its end %s",
	 "时间窗口“%s”：开始于 %s，晚于其结束日期 %s"},
	{"demo: out of memory",
	 "演示数据：内存不足"},
	{"demo: the store has no sales process (run `funnel init` "
	 "first)",
	 "演示数据：数据库中没有销售流程（请先运行 `funnel init`）"},
	{"demo: process '%s' needs 1 to %d open milestones, then won "
	 "and lost",
	 "演示数据：销售流程“%s”需要 1 到 %d 个在途里程碑，之后是赢单和丢单"},
	{"demo",
	 "演示数据"},
	{"loading the dataset: out of memory",
	 "加载数据集：内存不足"},
	{"milestone %lld",
	 "里程碑 %lld"},
	{"no sales process defined (run `funnel init`)",
	 "尚未定义销售流程（请运行 `funnel init`）"},
	{"export: out of memory",
	 "导出：内存不足"},
	{"%s: write error",
	 "%s：写入错误"},
	{"%s: cannot write",
	 "%s：无法写入"},
	{"%s: given twice (also %s)",
	 "%s：给出了两次（另一处为 %s）"},
	{"import: no files given",
	 "导入：没有给出文件"},
	{"%s: no such file",
	 "%s：文件不存在"},
	{"no sales process defined: run `funnel init`",
	 "尚未定义销售流程：请运行 `funnel init`"},
	{"import: unknown format",
	 "导入：未知格式"},
	{"maven import needs sales_pipeline.csv",
	 "maven 导入需要 sales_pipeline.csv"},
	{"%s:%ld:%d: field team: unknown team '%s'",
	 "%s:%ld:%d: 字段 team：未知团队“%s”"},
	{"%s:%ld:%d: field ManagerId: unknown user '%s'",
	 "%s:%ld:%d: 字段 ManagerId：未知用户“%s”"},
	{"%s: too many rows",
	 "%s：行数过多"},
	{"%s:%d:1: field OpportunityId: unknown opportunity '%s'",
	 "%s:%d:1: 字段 OpportunityId：未知销售机会“%s”"},
	{"default process: out of memory",
	 "默认销售流程：内存不足"},
	{"a target is of an owner, a team or the company, not of two",
	 "业绩目标属于一名销售人员、一个团队或全公司，不能同时属于两者"},
	{"'%s' is not an ISO 4217 code such as EUR",
	 "“%s”不是 ISO 4217 货币代码（如 EUR）"},
	{"a rate is a number above 0",
	 "汇率必须是大于 0 的数"},
	{"%s is the reporting currency; its rate is always 1",
	 "%s 是报表币种；其汇率恒为 1"},
	{"open opportunity",
	 "个在途机会"},
	{"open opportunities",
	 "个在途机会"},
	{"the file drops milestone '%s' of process %s, which holds "
	 "%s; say where they go with --move '%s=MILESTONE'",
	 "文件删去了里程碑“%s”（销售流程 %s），其中还有 %s；请用 --move "
	 "'%s=里程碑' 指明它们移到哪里"},
	{"--move %s=%s: '%s' is not an open milestone of process %s "
	 "in the file",
	 "--move %s=%s：“%s”不是文件中销售流程 %s 的在途里程碑"},
	{"--move %s=%s: the file does not drop a milestone '%s' holding "
	 "open opportunities",
	 "--move %s=%s：文件并未删去有在途机会的里程碑“%s”"},
	{"'%s' is not an ISO 4217 code such as USD",
	 "“%s”不是 ISO 4217 货币代码（如 USD）"},
	{"the fiscal year starts in a month 1..12",
	 "财年起始月份必须是 1..12"},
	{"%s already has %lld opportunit%s; the demo needs an empty "
	 "database",
	 "%s 中已有 %lld 个销售机会%.0s；演示数据需要空数据库"},
	{"date %s is in the future (today is %s); a change is dated "
	 "on or before today",
	 "日期 %s 在未来（今天是 %s）；变更的日期不能晚于今天"},
	{"date %s is before opportunity '%s' existed (created %s)",
	 "日期 %s 早于销售机会“%s”的存在（创建于 %s）"},
	{"%s: cannot read",
	 "%s：无法读取"},
	{"no %s with id '%s'",
	 "找不到 %s“%s”"},
	{"'%s' is not a period (2026, 2026-Q4 or 2026-11)",
	 "“%s”不是期间（2026、2026-Q4 或 2026-11）"},
	{"opportunity '%s' has no known process",
	 "销售机会“%s”没有已知的销售流程"},
	{"opportunity '%s' is already closed: it was closed (%s) on "
	 "%s%s",
	 "销售机会“%s”已经关闭：关闭结果为 %s，关闭日期 %s%s"},
	{"'%s' is a closed milestone; close the opportunity instead "
	 "(open milestones of process %s: %s)",
	 "“%s”是关闭里程碑；请改为关闭该销售机会（销售流程 %s 的在途里程碑："
	 "%s）"},
	{"no milestone '%s' in process %s (open milestones: %s)",
	 "里程碑“%s”不在销售流程 %s 中（在途里程碑：%s）"},
	{"process %s has no open milestone",
	 "销售流程 %s 没有在途里程碑"},
	{"no process '%s'",
	 "没有销售流程“%s”"},
	{"the database has no process; run 'funnel init'",
	 "数据库中没有销售流程；请运行 funnel init"},
	{"opportunity '%s' already exists (edit it instead)",
	 "销售机会“%s”已存在（请改用 edit 修改）"},
	{"id, name and owner are required",
	 "编号、名称和负责人为必填项"},
	{"an open opportunity cannot be in category 'closed'; close "
	 "it instead",
	 "在途的销售机会不能属于预测类别 closed；请改为关闭它"},
	{"category 'closed' is set by closing the opportunity",
	 "预测类别 closed 由关闭销售机会设定"},
	{"; reopen it first",
	 "；请先重新打开"},
	{"nothing to change",
	 "没有要修改的内容"},
	{"opportunity '%s' is already in %s on %s",
	 "销售机会“%s”已处于里程碑 %s，日期 %s"},
	{"a result is won or lost",
	 "关闭结果只能是 won 或 lost"},
	{"process %s has no %s milestone",
	 "销售流程 %s 没有 %s 里程碑"},
	{"opportunity '%s' is not closed on %s: it is open (%s)",
	 "销售机会“%s”在 %s 未关闭：它处于在途状态（%s）"},
	{"no verifiable outcome number '%s'%s%s (choices: %s)",
	 "没有编号为“%s”的客户可验证结果%s%s（可选：%s）"},
	{" in ",
	 "，里程碑 "},
	{"'%s' is ambiguous: it begins %zu verifiable outcomes (%s)",
	 "“%s”不明确：它是 %zu 个客户可验证结果的开头（%s）"},
	{"process %s has no verifiable outcome '%s' (choices: %s)",
	 "销售流程 %s 没有客户可验证结果“%s”（可选：%s）"},
	{"'%s' is already checked: it was checked on %s",
	 "“%s”已验证：验证日期 %s"},
	{"'%s' is not checked on %s",
	 "“%s”在 %s 未验证"},
	{"'%s' is unchecked already on a later day",
	 "“%s”已在更晚的日期撤销验证"},
	{"a user needs an id and a name",
	 "用户需要编号和姓名"},
	{"a team needs an id and a name",
	 "团队需要编号和名称"},
	{"account '%s' already exists (edit it instead)",
	 "客户“%s”已存在（请改用 edit 修改）"},
	{"no account with id '%s'",
	 "没有编号为“%s”的客户"},
	{"an account needs an id and a name",
	 "客户需要编号和名称"},
	{"'%s' is not a buying role (power_sponsor, sponsor, influencer, "
	 "user, gatekeeper)",
	 "“%s”不是采购角色（power_sponsor、sponsor、influencer、user、"
	 "gatekeeper）"},
	{"contact '%s' already exists (edit it instead)",
	 "联系人“%s”已存在（请改用 edit 修改）"},
	{"no contact with id '%s'",
	 "没有编号为“%s”的联系人"},
	{"a contact needs an id and a name",
	 "联系人需要编号和姓名"},
	{"opportunity %lld has no record",
	 "销售机会 %lld 没有记录"},
	{"no milestone '%s' (milestones: %s)",
	 "没有里程碑“%s”（里程碑：%s）"},
	{"give an owner or a team, not both",
	 "销售人员和团队只能给出一个"},
	{"snapshots need 64-bit offsets",
	 "快照需要 64 位文件偏移"},
	{"%s: path too long",
	 "%s：路径过长"},
	{"not a snapshot",
	 "不是快照"},
	{"another snapshot format",
	 "快照格式不同"},
	{"damaged header",
	 "文件头已损坏"},
	{"%llu bytes instead of %llu",
	 "%llu 字节，而不是 %llu"},
	{"bad counts",
	 "计数有误"},
	{"bad section %zu",
	 "第 %zu 节有误"},
	{"made for another database",
	 "属于另一个数据库"},
	{"stale",
	 "已过期"},
	{"made for another reporting currency",
	 "属于另一种报表币种"},
	{"other processes",
	 "销售流程不同"},
	{"other milestones",
	 "里程碑不同"},
	{"inconsistent columns",
	 "列不一致"},
	{"inconsistent opportunity %llu",
	 "销售机会 %llu 不一致"},
	{"inconsistent event %llu",
	 "事件 %llu 不一致"},
	{"%s: too short",
	 "%s：过短"},
	{"%s store: no %s",
	 "%s 存储：没有 %s"},
	{"%s store backend: operations table version %d, this funnel "
	 "needs %d (rebuild the backend)",
	 "%s 存储后端：操作表版本为 %d，本 funnel 需要 %d（请重新构建该后端）"},
	{"no database location given",
	 "没有给出数据库位置"},
	{"%s: no path after the scheme",
	 "%s：协议名之后没有路径"},
	{"PostgreSQL backend not built yet: use a SQLite file (--db "
	 "PATH)",
	 "PostgreSQL 后端尚未构建：请使用 SQLite 文件（--db 路径）"},
	{"unknown database scheme '%.*s:' (known: %s, or a plain file "
	 "path)",
	 "未知的数据库协议“%.*s:”（已知：%s，或普通文件路径）"},
	{"no database at %s; run `funnel init` first",
	 "%s 处没有数据库；请先运行 `funnel init`"},
	{"%s: the database is busy: another program held it longer "
	 "than the 5 s this one waits; try again (%s)",
	 "%s：数据库正忙：另一个程序占用的时间超过了本程序等待的 5 "
	 "秒；请重试（%s）"},
	{"%s: written outside a transaction (a write must end in fn_store_commit), "
	 "not saved",
	 "%s：在事务之外写入（写入必须以 fn_store_commit 结束），未保存"},
	{"%s: refers to a record that does not exist",
	 "%s：引用了不存在的记录"},
	{"%s: already exists (%s)",
	 "%s：已存在（%s）"},
	{"%s: schema version %d is newer than this funnel knows (%d); "
	 "upgrade funnel",
	 "%s：数据库结构版本 %d 比本 funnel 所知的（%d）更新；请升级 "
	 "funnel"},
	{"no database path given",
	 "没有给出数据库路径"},
	{"opening %s",
	 "打开 %s"},
	{"cannot open database %s: %s",
	 "无法打开数据库 %s：%s"},
	{"a write cannot begin inside a read transaction",
	 "不能在读事务中开始写入"},
	{"the store has no stamp",
	 "数据库没有标记"},
	{"setting %s is not set",
	 "设置项 %s 未设定"},
	{"setting %s: value longer than %zu bytes",
	 "设置项 %s：值超过 %zu 字节"},
	{"setting: key and value are required",
	 "设置项：键和值为必填项"},
	{"saving the process",
	 "保存销售流程"},
	{"process: name is required",
	 "销售流程：名称为必填项"},
	{"process %s: milestone %zu has no name",
	 "销售流程 %s：里程碑 %zu 没有名称"},
	{"process %s: milestone %s twice",
	 "销售流程 %s：里程碑 %s 出现了两次"},
	{"process %s: an outcome of %s has no name",
	 "销售流程 %s：%s 的一个客户可验证结果没有名称"},
	{"process %s: outcome %s of %s twice",
	 "销售流程 %s：客户可验证结果 %s（属于 %s）出现了两次"},
	{"milestone %lld does not exist",
	 "里程碑 %lld 不存在"},
	{"unknown kind of record %d",
	 "未知的记录类型 %d"},
	{"%s: no id given",
	 "%s：没有给出编号"},
	{"no %s with id %s",
	 "找不到 %s %s"},
	{"opportunity %lld does not exist",
	 "销售机会 %lld 不存在"},
	{"%s: not written",
	 "%s：未写入"},
	{"outcome check %lld is not checked",
	 "客户可验证结果记录 %lld 未验证"},
	{"target: for a user or a team, not both",
	 "业绩目标：属于用户或团队，不能同时属于两者"},
	{"target: no period given",
	 "业绩目标：没有给出期间"},
	{"no room for a path",
	 "路径空间不足"},
	{"success",
	 "成功"},
	{"bad input",
	 "输入有误"},
	{"usage error",
	 "用法错误"},
	{"not found",
	 "未找到"},
	{"already exists",
	 "已存在"},
	{"changed meanwhile",
	 "已被同时修改"},
	{"not authenticated",
	 "未认证"},
	{"not allowed",
	 "不允许"},
	{"too large",
	 "过大"},
	{"database error",
	 "数据库错误"},
	{"input/output error",
	 "输入/输出错误"},
	{"empty %s",
	 "%s 为空"},
	{"duplicate %s '%s'",
	 "重复的 %s“%s”"},
	{"unknown %s '%s'",
	 "未知的 %s“%s”"},
	{"'%s' is not a date",
	 "“%s”不是日期"},
	{"'%s' is negative",
	 "“%s”是负数"},
	{"'%s' is not a number",
	 "“%s”不是数字"},
	{"'%s' is not a forecast category",
	 "“%s”不是预测类别"},
	{"unknown milestone '%s'",
	 "未知里程碑“%s”"},
	{"empty stage name",
	 "阶段名称为空"},
	{"empty agent name",
	 "销售人员姓名为空"},
	{"unknown product '%s'",
	 "未知产品“%s”"},
	{"stage Engaging (where closed deals start) has no milestone: "
	 "map it with --map",
	 "阶段 Engaging（已关闭交易的起点）没有对应的里程碑：请用 "
	 "--map 映射"},
	{"unknown stage '%s' (map it with --map)",
	 "未知阶段“%s”（请用 --map 映射）"},
	{"a %s deal needs a close date",
	 "%s 阶段的交易需要关闭日期"},
	{"empty id",
	 "编号为空"},
	{"duplicate id '%s'",
	 "重复的编号“%s”"},
	{"'%s' is not a role (rep, manager, admin, exec)",
	 "“%s”不是角色（rep、manager、admin、exec）"},
	{"'%s' is not a buying role",
	 "“%s”不是采购角色"},
	{"unknown milestone '%s' in process %s",
	 "里程碑“%s”不在销售流程 %s 中"},
	{"'%s' is not a probability (a percentage 0..100: 35 or 35%%)",
	 "“%s”不是概率（0..100 的百分数：35 或 35%%）"},
	{"unknown field",
	 "未知字段"},
	{"unknown process '%s'",
	 "未知销售流程“%s”"},
	{"'%s' is not an event field (milestone, amount, close_date, "
	 "category, owner, probability)",
	 "“%s”不是事件字段（milestone、amount、close_date、category、"
	 "owner、probability）"},
	{"empty value",
	 "值为空"},
	{"'%s' is not an activity kind",
	 "“%s”不是活动类型"},
	{"'%s' is not an outcome of milestone %s",
	 "“%s”不是里程碑 %s 的客户可验证结果"},
	{"'%s' is not a scope (company, user:ID, team:ID)",
	 "“%s”不是范围（company、user:ID、team:ID）"},
	{"'%s' is not a period",
	 "“%s”不是期间"},
	{"'%s' is not a currency code",
	 "“%s”不是货币代码"},
	{"'%s' is not a positive rate",
	 "“%s”不是正的汇率"},
	{"too many stage names",
	 "阶段名称过多"},
	{"empty OpportunityId",
	 "OpportunityId 为空"},
	{"unknown user '%s' (not in User.csv nor in the database)",
	 "未知用户“%s”（既不在 User.csv 中，也不在数据库中）"},
	{"process '%s' has no open milestone",
	 "销售流程“%s”没有在途里程碑"},
	{"process needs a name",
	 "销售流程需要名称"},
	{"process '%.*s' is defined twice",
	 "销售流程“%.*s”定义了两次"},
	{"milestone after won/lost: open milestones come first",
	 "里程碑出现在 won/lost 之后：在途里程碑必须写在前面"},
	{"expected 'milestone NAME PERCENT'",
	 "应为“milestone 名称 百分比”"},
	{"probability '%.*s' is not a percentage 0..100",
	 "概率“%.*s”不是 0..100 的百分数"},
	{"'%.*s' is a closed milestone that every process has; write "
	 "a '%.*s' line to give it outcomes",
	 "“%.*s”是每个销售流程都有的关闭里程碑；要为它设定客户可验证结果，"
	 "请写一行“%.*s”"},
	{"milestone '%.*s' is defined twice in process '%s'",
	 "里程碑“%.*s”在销售流程“%s”中定义了两次"},
	{"unknown keyword '%.*s' (expected process, strict, milestone, "
	 "outcome, won or lost)",
	 "未知关键字“%.*s”（应为 process、strict、milestone、outcome、"
	 "won 或 lost）"},
	{"'strict' takes no arguments",
	 "“strict”不带参数"},
	{"process %s is strict: opportunity '%s' cannot enter %s without %s; "
	 "check them (opp outcome) or give --override REASON",
	 "销售流程 %s 为严格模式：销售机会“%s”缺少进入 %s 所需的可验证结果 %s，"
	 "不能进入；请先勾选（opp outcome），或给出 --override 理由"},
	{"'%.*s' before any 'process NAME' line",
	 "“%.*s”出现在任何“process 名称”行之前"},
	{"outcome before any milestone",
	 "客户可验证结果出现在任何里程碑之前"},
	{"outcome needs a text",
	 "客户可验证结果需要文字"},
	{"'%.*s' takes no arguments (its probability is fixed)",
	 "“%.*s”不带参数（其概率是固定的）"},
	{"'%.*s' appears twice in process '%s'",
	 "“%.*s”在销售流程“%s”中出现了两次"},
	{"the text is not UTF-8 (byte%s %s); save the file as UTF-8 "
	 "(e.g. iconv -f latin1 -t utf-8 %s > new-file)",
	 "文本不是 UTF-8 编码（字节%.0s %s）；请把文件存为 UTF-8（"
	 "例如 iconv -f latin1 -t utf-8 %s > new-file）"},
	{"no process (expected a 'process NAME' line)",
	 "没有销售流程（应有一行“process 名称”）"},
	{"ID",
	 "编号"},
	{"NAME",
	 "名称"},
	{"OWNER",
	 "负责人"},
	{"MILESTONE",
	 "里程碑"},
	{"AMOUNT",
	 "金额"},
	{"CUR",
	 "币种"},
	{"CLOSE",
	 "关闭日期"},
	{"CATEGORY",
	 "预测类别"},
	/* imports of CRM exports */
	{"--format: '%s' is not an import format (native, salesforce, hubspot, pipedrive, maven, csv)",
	 "--format：“%s”不是导入格式（native、salesforce、hubspot、pipedrive、maven、csv）"},
	{"check only, nothing was written; the import would read ",
	 "仅检查，未写入任何内容；导入将读取 "},
	{"%llu amount%s with more than two decimals rounded to cents (half to even)\n",
	 "%llu 个金额%.0s超过两位小数，已按银行家舍入法舍入到分\n"},
	{"%llu row%s marked deleted left out\n",
	 "%llu 行%.0s标记为已删除，未导入\n"},
	{"%llu exchange rate%s read\n",
	 "读取了 %llu 个汇率%.0s\n"},
	{"reporting currency set to %s (the corporate currency)\n",
	 "报告币种设为 %s（公司本位币）\n"},
	{"  funnel import [--format native|salesforce|hubspot|pipedrive|maven|csv]\n                [--map FILE] [--encoding utf-8|latin1|windows-1252]\n                [--check] FILE...\n      import CSV files in one transaction (re-importing changes nothing);\n      files are UTF-8 unless --encoding says otherwise; --check reports\n      every problem and what would be imported, and changes nothing\n",
	 "  funnel import [--format native|salesforce|hubspot|pipedrive|maven|csv]\n                [--map 文件] [--encoding utf-8|latin1|windows-1252]\n                [--check] 文件...\n      在一个事务中导入 CSV 文件（重复导入不会改变任何内容）；\n      除非 --encoding 另有说明，文件均为 UTF-8；--check 报告\n      每个问题以及将导入的内容，不做任何更改\n"},
	{"%llu problem%s found; nothing was imported",
	 "发现 %llu 个问题%.0s；未导入任何内容"},
	{"%s:%ld:%d: field ManagerId: unknown user '%s' (not in User.csv nor in the database: export User.csv with every user, inactive ones too, or leave ManagerId empty)",
	 "%s:%ld:%d：字段 ManagerId：未知用户“%s”（既不在 User.csv 中也不在数据库中：导出包含所有用户（含停用用户）的 User.csv，或将 ManagerId 留空）"},
	{"'%s' is not a currency code such as EUR",
	 "“%s”不是币种代码（例如 EUR）"},
	{"%s: no rate for the reporting currency %s (add it to CurrencyType.csv, or set the reporting currency to the corporate currency%s%s)",
	 "%s：报告币种 %s 没有汇率（请将其加入 CurrencyType.csv，或将报告币种设为公司本位币%s%s）"},
	{"no owner (every opportunity needs an OwnerId from User.csv)",
	 "没有负责人（每个销售机会都需要来自 User.csv 的 OwnerId）"},
	{"unknown user '%s' (not in User.csv nor in the database: give User.csv with the import)",
	 "未知用户“%s”（既不在 User.csv 中也不在数据库中：导入时请一并提供 User.csv）"},
	{"%s: cannot open the mapping file",
	 "%s：无法打开映射文件"},
	{"%s: mapping file over 1 MiB",
	 "%s：映射文件超过 1 MiB"},
	{"%s: empty mapping file",
	 "%s：映射文件为空"},
	{"%s: the mapping file is not UTF-8 (save it as UTF-8)",
	 "%s：映射文件不是 UTF-8（请另存为 UTF-8）"},
	{"'%s' is not a date (%s dates are written %s%s)",
	 "“%s”不是日期（%s 的日期写作 %s%s）"},
	{"'%s' is not an amount (decimal mark '%c'%s)",
	 "“%s”不是金额（小数点为“%c”%s）"},
	{"%s:%ld: column '%s' (for %s) is not in %s's header",
	 "%s:%ld：列“%s”（对应 %s）不在 %s 的表头中"},
	{"%s:1: no %s id column (%s)",
	 "%s:1：没有 %s 编号列（%s）"},
	{"%s: [columns] must name the id column",
	 "%s：[columns] 必须指定编号列"},
	{"%s:1: no created date column%s%s",
	 "%s:1：没有创建日期列%s%s"},
	{"%s:1: no stage column",
	 "%s:1：没有阶段列"},
	{"'%s' is not a status (open, won, lost)",
	 "“%s”不是状态（open、won、lost）"},
	{"empty stage",
	 "阶段为空"},
	{"unknown stage '%s' (map it with --map%s)",
	 "未知阶段“%s”（请用 --map 映射%s）"},
	{"--format csv needs --map FILE, a mapping file (see docs/import-formats.md)",
	 "--format csv 需要 --map 文件，即映射文件（见 docs/import-formats.md）"},
	/* forecast calls, stored forecasts, calibration */
	{"call submit needs --owner USER",
	 "call submit 需要 --owner 用户"},
	{"give exactly one of --owner and --team",
	 "--owner 与 --team 须且只能给出其一"},
	{"an adjustment says why: --note TEXT",
	 "调整须说明理由：--note 文本"},
	{"  funnel call submit --owner USER PERIOD COMMIT BEST_CASE [--date D] [--note TEXT]\n      a rep's forecast call for a period\n  funnel call adjust (--owner USER|--team TEAM) PERIOD COMMIT BEST_CASE --note TEXT\n      [--by MANAGER] [--date D]   a manager's adjustment of a call\n  funnel call list [--json]\n",
	 "  funnel call submit --owner 用户 期间 承诺 最佳情况 [--date 日期] [--note 文本]\n      销售人员对某期间的预测提报\n  funnel call adjust (--owner 用户|--team 团队) 期间 承诺 最佳情况 --note 文本\n      [--by 经理] [--date 日期]   经理对预测提报的调整\n  funnel call list [--json]\n"},
	{"  funnel call submit --owner USER PERIOD COMMIT BEST_CASE [--date D] [--note TEXT]\n",
	 "  funnel call submit --owner 用户 期间 承诺 最佳情况 [--date 日期] [--note 文本]\n"},
	{"  funnel call adjust (--owner USER|--team TEAM) PERIOD COMMIT BEST_CASE --note TEXT [--by MANAGER] [--date D]\n",
	 "  funnel call adjust (--owner 用户|--team 团队) 期间 承诺 最佳情况 --note 文本 [--by 经理] [--date 日期]\n"},
	{"  funnel call list [--json]\n",
	 "  funnel call list [--json]\n"},
	{"  funnel forecast list [--json]\n      the forecasts stored by 'funnel report forecast --save'\n",
	 "  funnel forecast list [--json]\n      列出 funnel report forecast --save 保存的销售预测\n"},
	{"  funnel forecast list [--json]\n",
	 "  funnel forecast list [--json]\n"},
	{"usage: funnel process calibrate [--as-of D] [--window FROM..TO] [--apply] [--json]",
	 "用法：funnel process calibrate [--as-of 日期] [--window FROM..TO] [--apply] [--json]"},
	{"  funnel process show [--json]\n      print the sales process(es) in the process-file format, each\n      outcome numbered (# MILESTONE.OUTCOME) for 'funnel opp outcome'\n  funnel process load FILE [--move OLD=NEW]...\n      define or change processes from a process file ('set' is the\n      same); a milestone the file drops while open opportunities are\n      in it needs --move OLD=NEW: they move to NEW, dated today\n  funnel process calibrate [--as-of D] [--window FROM..TO] [--apply]\n      [--json]  suggest a probability per milestone from history: only\n      one whose interval excludes the current value changes; --apply\n      writes them as a change dated today (earlier days keep theirs)\n",
	 "  funnel process show [--json]\n      以销售流程文件格式输出销售流程，每个可验证结果\n      带编号（# 里程碑.结果），供 funnel opp outcome 使用\n  funnel process load 文件 [--move 旧=新]...\n      用销售流程文件定义或修改销售流程（set 与之相同）；\n      文件删除的里程碑中若仍有在途机会，需要 --move 旧=新：\n      这些机会移到新里程碑，日期为今天\n  funnel process calibrate [--as-of 日期] [--window FROM..TO] [--apply]\n      [--json]  根据历史数据建议每个里程碑的概率：只有置信区间\n      不含当前值的才会改变；--apply 将其写为今天生效的\n      变更（之前的日期保留原值）\n"},
	{"  funnel process calibrate [--as-of D] [--window FROM..TO] [--apply] [--json]\n",
	 "  funnel process calibrate [--as-of 日期] [--window FROM..TO] [--apply] [--json]\n"},
	{"a call's commit is 0 or more and its best case at least the commit",
	 "预测提报的承诺金额须不小于 0，最佳情况须不小于承诺金额"},
	{"a call is a rep's: give the owner",
	 "预测提报属于销售人员：请给出负责人"},
	{"an adjustment is of a rep's call or of a team's, one of them",
	 "调整针对销售人员或团队的预测提报，二者只能取其一"},
	{"forecast call: of a rep or of a team, one of them",
	 "预测提报：属于销售人员或团队，二者只能取其一"},
	{"forecast call: no period given",
	 "预测提报：未给出期间"},
	{"milestone probability change: a milestone and probabilities 0..1",
	 "里程碑概率变更：需要一个里程碑和 0..1 的概率"},
	{"stored forecast: of a user or a team, not both",
	 "已保存的销售预测：属于用户或团队，不能同时属于两者"},
	{"stored forecast: no period or method given",
	 "已保存的销售预测：未给出期间或方法"},
	{NULL, NULL},
};
