/*
 * cmd_account.c - `funnel account add|edit|list` and `funnel contact
 * add|edit|list`: the customer's accounts and the people in them with
 * their buying roles (power sponsor, sponsor, influencer, user,
 * gatekeeper).
 */
#include <string.h>
#include "cli.h"

const char cli_usage_account[] =
	"  funnel account add ID --name N [--sector S]\n"
	"  funnel account edit ID [--name N] [--sector S]\n"
	"  funnel account list [--json]\n";
const char cli_usage_contact[] =
	"  funnel contact add ID --name N [--email E] [--account ACC]\n"
	"      [--role power_sponsor|sponsor|influencer|user|gatekeeper]\n"
	"  funnel contact edit ID [--name N] [--email E] [--account ACC]\n"
	"      [--role ROLE]\n"
	"  funnel contact list [--account ACC] [--json]\n";

static const char *js(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static fn_code account_change(struct cli *c, int argc, char **argv, int add)
{
	const char *name = NULL, *sector = NULL;
	const struct cli_opt opts[] = {
		{"name", &name, NULL}, {"sector", &sector, NULL},
		{NULL, NULL, NULL},
	};
	fn_code rc;

	rc = cli_args(c, &argc, argv, opts, 1, 1, add ? "funnel account add "
		      "ID --name N [--sector S]" : "funnel account edit ID "
		      "[--name N] [--sector S]");
	if (rc)
		return rc;
	if (add && !name)
		return cli_fail(c, FN_EUSAGE, "--name is required");
	if ((rc = cli_open(c)))
		return rc;
	rc = add ? fn_account_add(c->store, argv[0], name, sector, &c->err) :
		   fn_account_edit(c->store, argv[0], name, sector, &c->err);
	if (rc == FN_OK)
		cli_printf("%s account %s\n",
			   fn_tr(add ? "added" : "updated"), argv[0]);
	return rc;
}

static fn_code account_add(struct cli *c, int argc, char **argv)
{
	return account_change(c, argc, argv, 1);
}

static fn_code account_edit(struct cli *c, int argc, char **argv)
{
	return account_change(c, argc, argv, 0);
}

static fn_code account_list(struct cli *c, int argc, char **argv)
{
	json_t *doc, *a;
	size_t i;
	fn_code rc;

	if ((rc = cli_args(c, &argc, argv, NULL, 0, 0, "funnel account list "
			   "[--json]")) ||
	    (rc = cli_open(c)) ||
	    (rc = fn_accounts_json(c->store, &doc, &c->err)))
		return rc;
	if (c->json)
		return cli_json_print(c, doc);
	cli_header((const char *const[]){"ID", "NAME", "SECTOR", NULL},
		   (const int[]){18, 28, 0});
	json_array_foreach(doc, i, a) {
		cli_cell(js(a, "id"), 18, 0, 0, 0);
		cli_cell(js(a, "name"), 28, 1, 0, 0);
		cli_cell(js(a, "sector"), 0, 0, 0, 1);
		putchar('\n');
	}
	json_decref(doc);
	return FN_OK;
}

static fn_code contact_change(struct cli *c, int argc, char **argv, int add)
{
	struct fn_contact_input in;
	const struct cli_opt opts[] = {
		{"name", &in.name, NULL}, {"email", &in.email, NULL},
		{"account", &in.account, NULL}, {"role", &in.role, NULL},
		{NULL, NULL, NULL},
	};
	fn_code rc;

	memset(&in, 0, sizeof in);
	rc = cli_args(c, &argc, argv, opts, 1, 1, add ? "funnel contact add "
		      "ID --name N [options]" : "funnel contact edit ID "
		      "[options]");
	if (rc)
		return rc;
	if (add && !in.name)
		return cli_fail(c, FN_EUSAGE, "--name is required");
	in.ext_id = argv[0];
	if ((rc = cli_open(c)))
		return rc;
	rc = add ? fn_contact_add(c->store, &in, &c->err) :
		   fn_contact_edit(c->store, &in, &c->err);
	if (rc == FN_OK)
		cli_printf("%s contact %s\n",
			   fn_tr(add ? "added" : "updated"), argv[0]);
	return rc;
}

static fn_code contact_add(struct cli *c, int argc, char **argv)
{
	return contact_change(c, argc, argv, 1);
}

static fn_code contact_edit(struct cli *c, int argc, char **argv)
{
	return contact_change(c, argc, argv, 0);
}

static fn_code contact_list(struct cli *c, int argc, char **argv)
{
	const char *account = NULL;
	const struct cli_opt opts[] = {
		{"account", &account, NULL}, {NULL, NULL, NULL},
	};
	json_t *doc, *o;
	size_t i;
	fn_code rc;

	if ((rc = cli_args(c, &argc, argv, opts, 0, 0, "funnel contact list "
			   "[--account ACC] [--json]")) ||
	    (rc = cli_open(c)) ||
	    (rc = fn_contacts_json(c->store, account, &doc, &c->err)))
		return rc;
	if (c->json)
		return cli_json_print(c, doc);
	cli_header((const char *const[]){"ID", "NAME", "ACCOUNT", "ROLE",
					  "EMAIL", NULL},
		   (const int[]){18, 24, 14, 14, 0});
	json_array_foreach(doc, i, o) {
		cli_cell(js(o, "id"), 18, 0, 0, 0);
		cli_cell(js(o, "name"), 24, 1, 0, 0);
		cli_cell(js(o, "account"), 14, 0, 0, 0);
		cli_cell(js(o, "role"), 14, 0, 0, 0);
		cli_cell(js(o, "email"), 0, 0, 0, 1);
		putchar('\n');
	}
	json_decref(doc);
	return FN_OK;
}

static const struct cli_cmd account_subs[] = {
	{"add", account_add, "  funnel account add ID --name N [--sector S]\n"},
	{"edit", account_edit, "  funnel account edit ID [--name N] "
			       "[--sector S]\n"},
	{"list", account_list, "  funnel account list [--json]\n"},
	{NULL, NULL, NULL},
};

static const struct cli_cmd contact_subs[] = {
	{"add", contact_add, "  funnel contact add ID --name N [--email E] "
			     "[--account ACC] [--role ROLE]\n"},
	{"edit", contact_edit, "  funnel contact edit ID [--name N] "
			       "[--email E] [--account ACC] [--role ROLE]\n"},
	{"list", contact_list, "  funnel contact list [--account ACC] "
			       "[--json]\n"},
	{NULL, NULL, NULL},
};

fn_code cmd_account(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, account_subs, argc, argv);
}

fn_code cmd_contact(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, contact_subs, argc, argv);
}
