/*
 * msg_zh.c - Simplified Chinese (简体中文) texts of the message catalogue
 * (see msg.h), in the vocabulary of the method funnel follows
 * (GLOSSARY-zh: 销售漏斗, 里程碑, 在途业务, 赢单, 目标差额, 覆盖率 ...).
 *
 * Each text takes the same printf arguments in the same order as its
 * English text in msg.h; an id left out here is shown in English.
 */
#include <stddef.h>
#include "funnel/msg.h"

static const char *const zh[FN__NMSGS] = {
	[FN_MSG_OVERALL_TITLE] = "总体情况 %s，截至 %s，%s（%s）",
	[FN_MSG_PERIOD_YEAR] = "%d财年",
	[FN_MSG_PERIOD_QUARTER] = "%d年第%d季度",
	[FN_MSG_PERIOD_MONTH] = "%d年%d月",
	[FN_MSG_SCOPE_OWNER] = "销售人员 %s",
	[FN_MSG_SCOPE_TEAM] = "团队 %s",
	[FN_MSG_SCOPE_COMPANY] = "全公司",
	[FN_MSG_FIG_WON] = "赢单",
	[FN_MSG_FIG_LOST] = "丢单",
	[FN_MSG_FIG_PIPELINE] = "在途业务",
	[FN_MSG_FIG_WEIGHTED] = "加权预测",
	[FN_MSG_FIG_COMMIT] = "承诺",
	[FN_MSG_FIG_BEST_CASE] = "最佳情况",
	[FN_MSG_FIG_TARGET] = "业绩目标",
	[FN_MSG_FIG_GAP] = "目标差额",
	[FN_MSG_FIG_COVERAGE] = "覆盖率",
	[FN_MSG_FIG_ATTAINMENT] = "目标达成率",
	[FN_MSG_FMT_COVERAGE] = "%.2f倍",
	[FN_MSG_N_OPP_ONE] = "个机会",
	[FN_MSG_N_OPP_MANY] = "个机会",

	[FN_MSG_FUNNEL_TITLE] = "销售漏斗（销售流程 %s），截至 %s，时间窗口 "
				"%s..%s，%s（%s）",
	[FN_MSG_COL_MILESTONE] = "里程碑",
	[FN_MSG_COL_OPEN] = "在途机会",
	[FN_MSG_COL_AMOUNT] = "金额",
	[FN_MSG_COL_CONVERSION] = "转化率",
	[FN_MSG_COL_EXITS] = "离开次数",
	[FN_MSG_COL_DWELL] = "停留天数",
	[FN_MSG_COL_DWELL_P80] = "p80",
	[FN_MSG_COL_WIN_FROM] = "此后赢单率",
	[FN_MSG_ROW_OPEN_TOTAL] = "在途合计",
	[FN_MSG_FIG_WIN_RATE] = "赢单率",
	[FN_MSG_FIG_WIN_RATE_VALUE] = "赢单率（按金额）",
	[FN_MSG_FIG_CYCLE_MEDIAN] = "销售周期中位数",
	[FN_MSG_FIG_CYCLE_P80] = "销售周期 p80",
	[FN_MSG_FIG_CYCLE_MEAN] = "销售周期平均值",
	[FN_MSG_FIG_VELOCITY] = "销售速度",
	[FN_MSG_WON_OF_CLOSED] = "（赢单 %lld 个，共关闭 %lld 个）",
	[FN_MSG_UNIT_DAYS] = "天",
	[FN_MSG_UNIT_PER_DAY] = "每天",
	[FN_MSG_NOT_ENOUGH_HISTORY] = "历史数据不足：时间窗口内没有已关闭的机会",

	[FN_MSG_REPORTS_TITLE] = "报表（funnel report 名称 [选项] [--json]）：",
	[FN_MSG_REPORT_OVERALL] = "赢单、在途业务、加权预测、承诺和最佳情况对比业绩目标",
	[FN_MSG_REPORT_FUNNEL] = "各里程碑的转化率、停留天数、赢单率、销售周期和销售速度",
	[FN_MSG_REPORT_MOVEMENT] = "两个日期之间的漏斗变动",
	[FN_MSG_REPORT_DIAGNOSE] = "销售漏斗诊断",
	[FN_MSG_REPORT_FORECAST] = "销售预测",
	[FN_MSG_REPORT_BACKTEST] = "销售预测的回溯检验",
	[FN_MSG_REPORT_EXCEPTIONS] = "例外管理",
	[FN_MSG_REPORT_COACH] = "辅导",
	[FN_MSG_REPORT_REP] = "销售人员对比团队的指标",
	[FN_MSG_REPORT_NOT_YET] = "尚未提供",
	[FN_MSG_PARAM_DEFAULT] = "；默认：%s",
	[FN_MSG_PARAM_AS_OF] = "报表截至的日期",
	[FN_MSG_PARAM_PERIOD] = "月、季度或财年",
	[FN_MSG_PARAM_WINDOW] = "历史指标的时间窗口",
	[FN_MSG_PARAM_OWNER] = "一名销售人员的销售机会",
	[FN_MSG_PARAM_TEAM] = "一个团队（含下级团队）的销售机会",
	[FN_MSG_PARAM_PROCESS] = "销售流程",
	[FN_MSG_DEFAULT_AS_OF] = "今天",
	[FN_MSG_DEFAULT_PERIOD] = "--as-of 所在的财年季度",
	[FN_MSG_DEFAULT_WINDOW] = "--as-of 所在季度之前的四个完整季度",
	[FN_MSG_DEFAULT_SCOPE] = "全公司",
	[FN_MSG_DEFAULT_PROCESS] = "默认销售流程",

	[FN_MSG_ERR_UNKNOWN_REPORT] = "没有报表“%s”（报表：%s）",
	[FN_MSG_ERR_REPORT_NOT_YET] = "报表 %s 尚未提供",
	[FN_MSG_ERR_PARAM_UNKNOWN] = "%s 没有参数“%s”（可用参数：%s）",
	[FN_MSG_ERR_PARAM_NO_VALUE] = "%s 需要一个值",
	[FN_MSG_ERR_BAD_DATE] = "%s：“%s”不是日期（YYYY-MM-DD）",
	[FN_MSG_ERR_BAD_PERIOD] = "%s：“%s”不是期间（2026、2026-Q4 或 "
				  "2026-11）：%s",
	[FN_MSG_ERR_BAD_WINDOW] = "%s：“%s”不是时间窗口 FROM..TO（日期或期间）"
				  "：%s",
	[FN_MSG_ERR_NO_USER] = "%s：没有编号为“%s”的用户",
	[FN_MSG_ERR_NO_TEAM] = "%s：没有编号为“%s”的团队",
	[FN_MSG_ERR_OWNER_AND_TEAM] = "%s 和 %s 只能给出一个",
	[FN_MSG_ERR_NO_PROCESS] = "%s：没有销售流程“%s”（销售流程：%s）",
	[FN_MSG_ERR_NO_PROCESS_ID] = "没有编号为 %lld 的销售流程",
	[FN_MSG_OPP_ONE] = "销售机会",
	[FN_MSG_OPP_MANY] = "销售机会",
	[FN_MSG_ERR_NO_RATE] = "缺少 %s 在 %s 的汇率，涉及%s %s；"
			       "请用 funnel rate set %s %s RATE 添加",
	[FN_MSG_ERR_NO_RATE_AT_ALL] = "缺少 %s 的汇率；请用 funnel rate set %s "
				      "日期 RATE 添加",
	[FN_MSG_AND_N_MORE] = " 等另外 %zu 个",
	[FN_MSG_ERR_NOMEM] = "内存不足",

	/* the movement report */
	[FN_MSG_MOVE_TITLE] = "%s 在途业务的漏斗变动，%s 至 %s，%s（%s）",
	[FN_MSG_MOVE_START] = "期初在途业务",
	[FN_MSG_MOVE_NEW] = "新增",
	[FN_MSG_MOVE_PULLED_IN] = "提前进入",
	[FN_MSG_MOVE_INCREASED] = "金额增加",
	[FN_MSG_MOVE_DECREASED] = "金额减少",
	[FN_MSG_MOVE_PUSHED_OUT] = "推迟移出",
	[FN_MSG_MOVE_WON] = "赢单",
	[FN_MSG_MOVE_LOST] = "丢单",
	[FN_MSG_MOVE_OTHER] = "其他",
	[FN_MSG_MOVE_END] = "期末在途业务",
	[FN_MSG_MOVE_UNBALANCED] = "各项之和不等于期末值：请报告此问题",
	[FN_MSG_ERR_MOVE_ORDER] = "--from %s 必须早于 --to %s",
	/* the diagnosis */
	[FN_MSG_DIAG_TITLE] = "销售漏斗诊断 %s，截至 %s，%s（%s）",
	[FN_MSG_DIAG_CHECK_OVERALL] = "总体情况",
	[FN_MSG_DIAG_CHECK_BOTTLENECKS] = "瓶颈",
	[FN_MSG_DIAG_CHECK_BEHAVIOUR] = "有缺陷的销售行为",
	[FN_MSG_DIAG_CHECK_SUPPORT] = "销售支持的缺陷",
	[FN_MSG_DIAG_CHECK_SHORTFALL] = "市场活动不足",
	[FN_MSG_DIAG_CHECK_TIME] = "时间",
	[FN_MSG_DIAG_FOUND] = "发现问题",
	[FN_MSG_DIAG_NOTHING_FOUND] = "未发现问题",
	[FN_MSG_DIAG_NOT_ENOUGH] = "历史数据不足",
	[FN_MSG_DIAG_AT_STAKE] = "涉及金额",
	[FN_MSG_DIAG_TARGET_AT_RISK] = "加权预测 %s 低于业绩目标 %s",
	[FN_MSG_DIAG_CONV_REP] = "转化率 %s，团队其他人 %s",
	[FN_MSG_DIAG_CONV_HISTORY] = "转化率 %s，上一时间窗口 %s",
	[FN_MSG_DIAG_SHAPE] = "在途 %s 个，按流量预计 %s 个（利特尔法则）",
	[FN_MSG_DIAG_MISSING_OUTCOMES] = "%s 个在途机会缺少已过里程碑的客户可验证结果（超过 %s）",
	[FN_MSG_DIAG_NO_POWER_SPONSOR] = "%s 个机会未接触到权力支持者（超过 %s）",
	[FN_MSG_DIAG_SKIPPED_OUTCOMES] = "推进时缺少客户可验证结果的比例 %s，团队其他人 %s",
	[FN_MSG_DIAG_OVERRIDDEN] = "%s 次缺少客户可验证结果的强制推进（超过 %s 次）",
	[FN_MSG_DIAG_NO_SUPPORT] = "%s 个处于 prove 及之后的机会没有演示或售前技术支持（超过 %s）",
	[FN_MSG_DIAG_SHORTFALL] = "预计新增机会 %s 个，需要 %s 个",
	[FN_MSG_DIAG_MISSING_BY] = "缺少 %lld 个，须在 %s 前创建",
	[FN_MSG_DIAG_LATE] = "通常还需 %s 天成交，剩余 %s 天",
	[FN_MSG_DIAG_STALLED] = "%s 个机会在本里程碑的停留天数超过 p80 的 %s 天",
	[FN_MSG_DIAG_SLIPPED] = "%s 个机会的预计成交日期至少推迟了 %s 次",
	[FN_MSG_DIAG_TARGET_UNREACHABLE] = "最多 %s 能按时成交，业绩目标 %s",
	[FN_MSG_DIAG_DISTRIBUTION] = "各里程碑节点上销售收入分布：%s（左）与一个季度前 %s（右）",
	[FN_MSG_PARAM_FROM] = "漏斗变动的起始日",
	[FN_MSG_PARAM_TO] = "漏斗变动的截止日",
	[FN_MSG_DEFAULT_FROM] = "--to 所在季度之前一个季度的最后一天",
	[FN_MSG_DEFAULT_TO] = "今天",

	/* opp show: the analysis */
	[FN_MSG_OPP_ANALYSIS] = "机会分析：",
	[FN_MSG_FUNNEL_BARS] = "销售漏斗的形状：# 当前在途，| 按流量预计（利特尔法则）",
	[FN_MSG_FUNNEL_FLOW] = "预计 %s",
	[FN_MSG_OPP_MISSING_WARN] = "已推进，但缺少客户可验证结果：%s\n",
	[FN_MSG_OPP_OVERRIDDEN] = "已强制推进，缺少客户可验证结果：%s\n",
	[FN_MSG_OPP_OVERRIDE] = "强制推进",
	[FN_MSG_OPP_AGE] = "  已存在 %lld 天；在本里程碑 %lld 天，该里程碑停留天数中位数 %s 天，p80 %s 天",
	[FN_MSG_OPP_CLOSE_MOVED] = "预计成交日期变更",
	[FN_MSG_OPP_AMOUNT_CHANGED] = "金额变更",
	[FN_MSG_OPP_MISSING] = "缺少客户可验证结果",
	[FN_MSG_OPP_LAST_ACTIVITY] = "最近活动",
	[FN_MSG_OPP_CONTACT] = "联系人",
	[FN_MSG_OPP_PROBABILITIES] = "  赢单概率：按里程碑 %s，按历史数据 %s",
	[FN_MSG_OPP_RISKS] = "风险：",
	[FN_MSG_OPP_NO_RISK] = "无",
	[FN_MSG_RISK_STALLED] = "停滞：在本里程碑 %s 天，超过 p80 停留天数 %s 天",
	[FN_MSG_RISK_PAST_DUE] = "已逾期 %s 天（%s）",
	[FN_MSG_RISK_SLIPPED] = "预计成交日期推迟了 %s 次（至少 %s 次）",
	[FN_MSG_RISK_AMOUNT_CUT] = "金额比最初减少了 %s（%s）",
	[FN_MSG_RISK_QUIET] = "%s 天没有活动（超过 %s 天）",
	[FN_MSG_RISK_MISSING] = "缺少 %s 个客户可验证结果（超过 %s 个）",
	[FN_MSG_RISK_NO_PS] = "未接触到权力支持者（相关联系人或已确认结果 %s 个，至少需要 %s 个）",
	[FN_MSG_RISK_NO_DEMO] = "处于 prove 及之后但没有演示或售前技术支持（%s，至少需要 %s）",
	[FN_MSG_RISK_HISTORY] = "按历史数据从此处赢单的比例为 %s%%，不到里程碑默认值 %s 的一半",

	[FN_MSG_CLI_USAGE] =
		"用法：funnel [--db 路径] [--lang 语言] 命令 [参数] [--json]\n"
		"\n"
		"  --db 路径    数据库（默认 $FUNNEL_DB，否则 ./funnel.db）\n"
		"  --json       输出 JSON 而不是文本\n"
		"  --lang 语言  文本输出的语言：%s（默认取自 LC_ALL、\n"
		"               LC_MESSAGES 或 LANG，否则为 en）\n"
		"\n"
		"命令：\n",
	[FN_MSG_CLI_USAGE_TAIL] = "\nfunnel 命令 --help 显示该命令的用法。\n",
	[FN_MSG_CLI_USAGE_REPORT] =
		"  funnel report 名称 [--as-of 日期] [--period 期间]\n"
		"      [--owner 用户|--team 团队] [--window FROM..TO] "
		"[--process 流程] [--json]\n"
		"  funnel report list       列出报表、参数及默认值\n",
	[FN_MSG_CLI_UNKNOWN_COMMAND] = "没有命令“%s”（见 funnel help）",
	[FN_MSG_CLI_NEEDS_VALUE] = "选项 %s 需要一个值",
	[FN_MSG_CLI_BAD_LANG] = "--lang：不支持语言“%s”（可用语言：%s）",
	[FN_MSG_CLI_EMPTY_DB] = "--db：数据库路径为空",
	[FN_MSG_CLI_REPORT_ARGS] = "报表的选项形如 --名称 值，而不是“%s”",
	[FN_MSG_CLI_REPORT_MISSING] = "缺少报表名称（funnel report list 列出所有报表）",
};

/* The free texts (msg_zh_text.c). */
extern const struct fn_text fn_zh_texts[];

const struct fn_lang fn_lang_zh = {"zh", "简体中文", zh, fn_zh_texts};
