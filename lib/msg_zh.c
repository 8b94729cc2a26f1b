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
	[FN_MSG_REPORT_FORECAST] = "各预测方法并列：加权预测、承诺、最佳情况、历史、蒙特卡洛",
	[FN_MSG_REPORT_BACKTEST] = "各预测方法的回溯检验，及各里程碑的预测指标校准",
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

	[FN_MSG_FORECAST_TITLE] = "销售预测，截至 %s，%s（%s）；历史 %s..%s，%lld 次模拟，种子 %llu",
	[FN_MSG_COL_PERIOD] = "期间",
	[FN_MSG_FIG_HISTORICAL] = "历史",
	[FN_MSG_FIG_MONTECARLO] = "蒙特卡洛",
	[FN_MSG_COL_MC_MEAN] = "蒙特卡洛均值",
	[FN_MSG_COL_P10] = "P10",
	[FN_MSG_COL_P90] = "P90",
	[FN_MSG_COL_P_TARGET] = "达成目标概率",
	[FN_MSG_MC_CHART_TITLE] = "%s 的蒙特卡洛结果分布（%lld 次模拟）：",
	[FN_MSG_MS_TITLE] = "各里程碑的历史（至少 %d 个已关闭机会，否则用其自身概率和预计成交日期）：",
	[FN_MSG_COL_PROBABILITY] = "概率",
	[FN_MSG_COL_INTERVAL] = "95%置信区间",
	[FN_MSG_COL_CASES] = "机会数",
	[FN_MSG_COL_CLOSINGS] = "已关闭数",
	[FN_MSG_COL_USED] = "采用",
	[FN_MSG_COL_SUGGESTED] = "建议概率",
	[FN_MSG_USED_HISTORY] = "历史",
	[FN_MSG_NOT_ENOUGH] = "历史数据不足",
	[FN_MSG_FORECAST_FALLBACK] = "%lld 个（共 %lld 个在途机会）所在里程碑历史数据不足：采用其自身概率和预计成交日期。",
	[FN_MSG_CALLS_TITLE] = "预测提报（每位销售人员最新的提报，经理调整过的以调整为准；团队自身的提报）：",
	[FN_MSG_COL_CALL_COMMIT] = "提报承诺",
	[FN_MSG_COL_CALL_BEST] = "提报最佳情况",
	[FN_MSG_COL_CALL_REPS] = "销售人员数",
	[FN_MSG_COL_TEAM_COMMIT] = "团队提报承诺",
	[FN_MSG_COL_TEAM_BEST] = "团队提报最佳情况",
	[FN_MSG_PEOPLE_TITLE] = "各销售人员的预测提报（提报承诺对比实际赢单；日期数、平均误差、偏差、平均绝对百分比误差）：",
	[FN_MSG_BACKTEST_TITLE] = "回溯检验，截至 %s，%s（%s）；%lld 次模拟，种子 %llu",
	[FN_MSG_COL_AS_OF] = "截至",
	[FN_MSG_COL_ACTUAL] = "实际赢单",
	[FN_MSG_COL_METHOD] = "预测方法",
	[FN_MSG_COL_MEAN_ERROR] = "平均误差",
	[FN_MSG_COL_BIAS] = "偏差",
	[FN_MSG_COL_MAPE] = "平均绝对百分比误差",
	[FN_MSG_BAND_LINE] = "实际赢单落在蒙特卡洛 P10-P90 之间：%lld 个，共 %zu 个日期（%s）",
	[FN_MSG_CALIB_TITLE] = "各里程碑的预测指标校准（历史 %s..%s，至少 %d 个已关闭机会）：",
	[FN_MSG_CALIBRATE_TITLE] = "建议概率，截至 %s（历史 %s..%s，至少 %d 个已关闭机会；只有置信区间不含当前值的才改变）：",
	[FN_MSG_PARAM_TRIALS] = "蒙特卡洛模拟次数",
	[FN_MSG_PARAM_SEED] = "蒙特卡洛模拟的随机种子",
	[FN_MSG_PARAM_DATES] = "回溯检验的截至日期",
	[FN_MSG_DEFAULT_TRIALS] = "10000",
	[FN_MSG_PARAM_SAVE] = "按销售人员或团队、期间和日期保存预测数字",
	[FN_MSG_DEFAULT_SAVE] = "否",
	[FN_MSG_ERR_BAD_SAVE] = "%s：“%s”不是 yes 或 no",
	[FN_MSG_DEFAULT_SEED] = "1",
	[FN_MSG_DEFAULT_DATES] = "--as-of 所在季度之前四个季度各自的第一天和中间一天",
	[FN_MSG_ERR_BAD_TRIALS] = "%s：“%s”不是模拟次数（1 到 10000000）",
	[FN_MSG_ERR_BAD_SEED] = "%s：“%s”不是随机种子（0 到 18446744073709551615 的整数）",
	[FN_MSG_ERR_BAD_DATES] = "%s：“%s”不是日期列表 D1,D2,...（YYYY-MM-DD，最多 %d 个）",

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
		"      forecast：[--trials 次数] [--seed 种子] [--save]；"
		"backtest：[--dates D1,D2,...]\n"
		"  funnel report list       列出报表、参数及默认值\n",
	[FN_MSG_CLI_UNKNOWN_COMMAND] = "没有命令“%s”（见 funnel help）",
	[FN_MSG_CLI_NEEDS_VALUE] = "选项 %s 需要一个值",
	[FN_MSG_CLI_BAD_LANG] = "--lang：不支持语言“%s”（可用语言：%s）",
	[FN_MSG_CLI_EMPTY_DB] = "--db：数据库路径为空",
	[FN_MSG_CLI_REPORT_ARGS] = "报表的选项形如 --名称 值，而不是“%s”",
	[FN_MSG_CLI_REPORT_MISSING] = "缺少报表名称（funnel report list 列出所有报表）",
};

const struct fn_lang fn_lang_zh = {"zh", "简体中文", zh};
