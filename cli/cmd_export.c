/*
 * cmd_export.c - `funnel export`: writes the whole store into a directory
 * as native CSV (which `funnel import` reads back) or as one JSON document.
 */
#include <string.h>
#include "cli.h"

const char cli_usage_export[] =
	"  funnel export [--format csv|json] DIR\n"
	"      write everything as native CSV files or DIR/funnel.json\n";

fn_code cmd_export(struct cli *c, int argc, char **argv)
{
	const char *format = "csv";
	const struct cli_opt opts[] = {
		{"format", &format, NULL},
		{NULL, NULL, NULL},
	};
	enum fn_export_format f;
	fn_code rc;

	rc = cli_args(c, &argc, argv, opts, 1, 1, "funnel export "
		      "[--format csv|json] DIR");
	if (rc)
		return rc;
	if (!strcmp(format, "csv"))
		f = FN_EXPORT_CSV;
	else if (!strcmp(format, "json"))
		f = FN_EXPORT_JSON;
	else
		return cli_fail(c, FN_EINVAL, "--format: '%s' is not an export "
				"format (csv, json)", format);
	rc = cli_open(c);
	if (rc)
		return rc;
	rc = fn_export(c->store, f, argv[0], &c->err);
	if (rc)
		return rc;
	cli_printf("exported %s to %s\n", c->db, argv[0]);
	return FN_OK;
}
