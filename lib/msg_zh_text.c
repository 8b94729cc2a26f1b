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
	{NULL, NULL},
};
