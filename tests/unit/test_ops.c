/*
 * test_ops.c - the operations of include/funnel/ops.h on a fresh SQLite
 * store per test: the percentage rule of probabilities, the one date rule
 * of dated changes, conflicts (FN_ECONFLICT) for changes that find the
 * state changed, outcomes by prefix and number, unchecking as dated
 * history, a process that drops a milestone with open deals, the list
 * filters, accounts, contacts, rates, and the message of a missing file.
 * Today is pinned to 2026-02-15 (FUNNEL_TODAY); expected values are worked
 * out by hand.
 */
#include "testutil.h"

struct fix {
	char dir[512], path[600];
	struct fn_store *s;
	struct fn_err err;
	struct fn_op_result r;
};

static fn_day D(const char *s)
{
	fn_day d;
	assert_ok(fn_day_parse(s, &d));
	return d;
}

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof *f);
	struct fn_user_input u = {"bob", "Bob", NULL, NULL, FN_ROLE_REP};

	assert_non_null(f);
	setenv("FUNNEL_TODAY", "2026-02-15", 1);
	tu_tmpdir(f->dir, sizeof f->dir);
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	assert_ok(fn_store_open(f->path, &f->s, &f->err));
	assert_ok(fn_init_store(f->s, "USD", 1, NULL, &f->err));
	assert_ok(fn_user_save(f->s, &u, &f->r, &f->err));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fix *f = *state;

	fn_store_close(f->s);
	tu_rmtree(f->dir);
	free(f);
	return 0;
}

/* Adds opportunity ext on day in milestone ms (NULL: qualify). */
static fn_code add(struct fix *f, const char *ext, const char *day,
		   const char *ms)
{
	struct fn_opp_new in;

	memset(&in, 0, sizeof in);
	in.ext_id = ext;
	in.name = ext;
	in.owner = "bob";
	in.amount = 100000;
	in.close = D("2026-03-31");
	in.day = D(day);
	in.milestone = ms;
	return fn_opp_add(f->s, &in, &f->r, &f->err);
}

static void probability_is_a_percentage(void **state)
{
	int bp = -1;

	(void)state;
	assert_ok(fn_probability_parse("35", &bp));
	assert_int_equal(bp, 3500);
	assert_ok(fn_probability_parse("35%", &bp));
	assert_int_equal(bp, 3500);
	assert_ok(fn_probability_parse("1", &bp));
	assert_int_equal(bp, 100);
	assert_ok(fn_probability_parse("1.01", &bp));
	assert_int_equal(bp, 101);
	assert_ok(fn_probability_parse("0.5", &bp));
	assert_int_equal(bp, 50);
	assert_ok(fn_probability_parse("100", &bp));
	assert_int_equal(bp, 10000);
	assert_int_equal(fn_probability_parse("101", &bp), FN_EINVAL);
	assert_int_equal(fn_probability_parse("-1", &bp), FN_EINVAL);
	assert_int_equal(fn_probability_parse("35%%", &bp), FN_EINVAL);
	assert_int_equal(fn_probability_parse("abc", &bp), FN_EINVAL);
	assert_int_equal(fn_probability_parse("", &bp), FN_EINVAL);
}

static void dates_not_in_future_nor_before_created(void **state)
{
	struct fix *f = *state;

	assert_int_equal(add(f, "F1", "2026-02-16", NULL), FN_EINVAL);
	assert_non_null(strstr(f->err.msg, "in the future"));
	assert_ok(add(f, "F1", "2026-01-10", NULL));
	assert_int_equal(fn_opp_advance(f->s, "F1", "develop", D("2026-02-16"), NULL,
					&f->r, &f->err), FN_EINVAL);
	assert_int_equal(fn_opp_activity(f->s, "F1", FN_ACT_CALL, NULL,
					 D("2026-01-09"), NULL, &f->r,
					 &f->err), FN_EINVAL);
	assert_non_null(strstr(f->err.msg, "before opportunity 'F1' existed"));
	assert_int_equal(fn_opp_outcome_check(f->s, "F1", "1", D("2026-01-09"),
					      NULL, &f->r, &f->err),
			 FN_EINVAL);
	assert_int_equal(fn_opp_close(f->s, "F1", FN_MS_WON, NULL,
				      D("2026-01-01"), &f->r, &f->err),
			 FN_EINVAL);
	assert_ok(fn_opp_activity(f->s, "F1", FN_ACT_CALL, "bob",
				  D("2026-01-10"), NULL, &f->r, &f->err));
	assert_ok(fn_opp_advance(f->s, "F1", "develop", D("2026-02-15"), NULL,
				 &f->r,
				 &f->err));
}

static void conflicts(void **state)
{
	struct fix *f = *state;
	struct fn_opp_change ch;

	assert_ok(add(f, "C1", "2026-01-10", NULL));
	assert_int_equal(add(f, "C1", "2026-01-11", NULL), FN_ECONFLICT);
	assert_int_equal(fn_opp_reopen(f->s, "C1", NULL, D("2026-01-20"),
				       &f->r, &f->err), FN_ECONFLICT);
	assert_ok(fn_opp_close(f->s, "C1", FN_MS_WON, "signed",
			       D("2026-02-01"), &f->r, &f->err));
	assert_string_equal(f->r.milestone, "won");
	assert_int_equal(fn_opp_close(f->s, "C1", FN_MS_LOST, NULL,
				      D("2026-02-02"), &f->r, &f->err),
			 FN_ECONFLICT);
	assert_string_equal(f->err.msg, "opportunity 'C1' is already closed: "
			    "it was closed (won) on 2026-02-01");
	assert_int_equal(fn_opp_advance(f->s, "C1", "prove", D("2026-02-03"), NULL,
					&f->r, &f->err), FN_ECONFLICT);
	memset(&ch, 0, sizeof ch);
	ch.ext_id = "C1";
	ch.day = D("2026-02-03");
	ch.has_amount = 1;
	ch.amount = 5;
	assert_int_equal(fn_opp_edit(f->s, &ch, &f->r, &f->err), FN_ECONFLICT);
	/* Before the close it was open: a dated edit then is fine. */
	ch.day = D("2026-01-20");
	assert_ok(fn_opp_edit(f->s, &ch, &f->r, &f->err));
	assert_int_equal(f->r.n_changes, 1);
	assert_ok(fn_opp_reopen(f->s, "C1", NULL, D("2026-02-05"), &f->r,
				&f->err));
	assert_string_equal(f->r.milestone, "qualify");
}

static void outcomes_by_prefix_number_and_uncheck(void **state)
{
	struct fix *f = *state;
	struct fn_dataset *ds = NULL;
	int n_unchecked = 0;
	json_t *doc;

	assert_ok(add(f, "O1", "2026-01-10", "develop"));
	/* develop: 1 pain admitted by the customer, 2 sponsor agrees ... */
	assert_ok(fn_opp_outcome_check(f->s, "O1", "2", D("2026-01-11"), NULL,
				       &f->r, &f->err));
	assert_string_equal(f->r.name, "sponsor agrees to a buying vision");
	assert_ok(fn_opp_outcome_check(f->s, "O1", "PAIN", D("2026-01-11"),
				       NULL, &f->r, &f->err));
	assert_string_equal(f->r.name, "pain admitted by the customer");
	assert_ok(fn_opp_outcome_check(f->s, "O1", "1.2", D("2026-01-12"),
				       NULL, &f->r, &f->err));
	assert_string_equal(f->r.name, "a contact is identified");
	/* "evaluation" begins two outcomes of prove and propose. */
	assert_int_equal(fn_opp_outcome_check(f->s, "O1", "evaluation",
					      D("2026-01-12"), NULL, &f->r,
					      &f->err), FN_EINVAL);
	assert_non_null(strstr(f->err.msg, "ambiguous"));
	assert_non_null(strstr(f->err.msg, "3.2 'evaluation plan agreed"));
	assert_int_equal(fn_opp_outcome_check(f->s, "O1", "nosuch",
					      D("2026-01-12"), NULL, &f->r,
					      &f->err), FN_EINVAL);
	assert_non_null(strstr(f->err.msg, "choices: 1.1 "));
	assert_int_equal(fn_opp_outcome_check(f->s, "O1", "9", D("2026-01-12"),
					      NULL, &f->r, &f->err),
			 FN_EINVAL);
	assert_int_equal(fn_opp_outcome_check(f->s, "O1", "pain",
					      D("2026-01-13"), NULL, &f->r,
					      &f->err), FN_ECONFLICT);
	assert_ok(fn_opp_outcome_uncheck(f->s, "O1", "pain", D("2026-01-20"),
					 &f->r, &f->err));
	assert_int_equal(fn_opp_outcome_uncheck(f->s, "O1", "pain",
						D("2026-01-21"), &f->r,
						&f->err), FN_ECONFLICT);
	/* Unchecked from 01-20 on: checking it again then is allowed. */
	assert_ok(fn_opp_outcome_check(f->s, "O1", "pain", D("2026-01-25"),
				       NULL, &f->r, &f->err));
	assert_ok(fn_opp_show_json(f->s, "O1", FN_DAY_NONE, &doc, &f->err));
	assert_int_equal(json_array_size(json_object_get(doc, "outcomes")), 4);
	json_decref(doc);
	/* The analytics see the uncheck too: of the two checks of "pain",
	 * the first was taken back on 01-20. */
	assert_ok(fn_dataset_load(f->s, &ds, &f->err));
	assert_int_equal(ds->n_chk, 4);
	for (size_t i = 0; i < ds->n_chk; i++)
		n_unchecked += ds->chk_unchecked[i] == D("2026-01-20");
	assert_int_equal(n_unchecked, 1);
	fn_dataset_free(ds);
}

static void process_drop_needs_a_move(void **state)
{
	struct fix *f = *state;
	struct fn_move mv = {"develop", "prove"};
	char file[700];
	json_t *doc;

	assert_ok(add(f, "P1", "2026-01-10", "develop"));
	assert_ok(add(f, "P2", "2026-01-10", "develop"));
	assert_ok(add(f, "P3", "2026-01-10", "qualify"));
	tu_write_file(f->dir, "p.txt", "process default\nmilestone qualify "
		      "10%\nmilestone prove 50%\nmilestone commit 90%\n", file,
		      sizeof file);
	assert_int_equal(fn_process_load_file(f->s, file, NULL, 0, &f->r,
					      &f->err), FN_EINVAL);
	assert_non_null(strstr(f->err.msg, "'develop' of process default, "
			       "which holds 2 open opportunities"));
	assert_ok(fn_process_load_file(f->s, file, &mv, 1, &f->r, &f->err));
	assert_int_equal(f->r.n_moved, 2);
	assert_ok(fn_opp_show_json(f->s, "P1", FN_DAY_NONE, &doc, &f->err));
	assert_string_equal(json_string_value(json_object_get(json_object_get(
				    doc, "state"), "milestone")), "prove");
	json_decref(doc);
}

static void process_show_numbers_outcomes(void **state)
{
	struct fix *f = *state;
	struct fn_process *p = NULL;
	char *text = NULL, file[700];
	size_t n = 0;

	tu_write_file(f->dir, "two.txt", "process default\n"
		      "milestone qualify 10%\n\toutcome a\n\toutcome b\n"
		      "milestone develop 25%\n\toutcome c\n"
		      "won\n\toutcome signed\n"
		      "process renewals\nmilestone quote 40%\n\toutcome q\n"
		      "lost\n\toutcome why\n", file, sizeof file);
	assert_ok(fn_process_load_file(f->s, file, NULL, 0, &f->r, &f->err));
	assert_int_equal(f->r.n_processes, 2);
	assert_ok(fn_process_show_text(f->s, &text, &f->err));
	assert_non_null(strstr(text, "qualify 10%\n\t# 1.1\n\toutcome a\n"
			       "\t# 1.2\n\toutcome b\n"));
	assert_non_null(strstr(text, "develop 25%\n\t# 2.1\n\toutcome c\n"));
	/* won is the third milestone of default (two open ones before). */
	assert_non_null(strstr(text, "won\n\t# 3.1\n\toutcome signed\n"));
	assert_non_null(strstr(text, "quote 40%\n\t# 1.1\n\toutcome q\n"));
	/* renewals: quote, won (no outcomes, not written), lost. */
	assert_non_null(strstr(text, "lost\n\t# 3.1\n\toutcome why\n"));
	/* The numbers are comments: the text reads back as it was. */
	assert_ok(fn_process_parse(text, "show", &p, &n, &f->err));
	assert_int_equal(n, 2);
	assert_int_equal(p[0].ms[0].n_outcomes, 2);
	fn_processes_free(p, n);
	free(text);
}

static void list_filters(void **state)
{
	struct fix *f = *state;
	struct fn_opp_filter flt;
	json_t *doc, *o;

	assert_ok(add(f, "L1", "2026-01-10", NULL));
	assert_ok(add(f, "L2", "2026-01-10", NULL));
	assert_ok(fn_opp_close(f->s, "L2", FN_MS_WON, NULL, D("2026-02-03"),
			       &f->r, &f->err));
	memset(&flt, 0, sizeof flt);
	flt.as_of = FN_DAY_NONE;
	flt.milestone = "nosuch";
	assert_int_equal(fn_opp_list_json(f->s, &flt, &doc, &f->err),
			 FN_EINVAL);
	assert_non_null(strstr(f->err.msg, "qualify, develop"));
	flt.milestone = NULL;
	flt.open_only = 1;
	assert_ok(fn_opp_list_json(f->s, &flt, &doc, &f->err));
	assert_int_equal(json_array_size(doc), 1);
	json_decref(doc);
	flt.open_only = 0;
	assert_ok(fn_opp_list_json(f->s, &flt, &doc, &f->err));
	assert_int_equal(json_array_size(doc), 2);
	o = json_array_get(doc, 1);
	assert_string_equal(json_string_value(json_object_get(o, "closed_on")),
			    "2026-02-03");
	assert_string_equal(json_string_value(json_object_get(o, "close_date")),
			    "2026-03-31");
	assert_true(json_is_null(json_object_get(json_array_get(doc, 0),
						 "closed_on")));
	json_decref(doc);
}

static void accounts_contacts_rates(void **state)
{
	struct fix *f = *state;
	struct fn_contact_input c = {"c1", "Dana", NULL, "acme", "power_sponsor"};
	json_t *doc;

	assert_ok(fn_account_add(f->s, "acme", "Acme", "tech", &f->err));
	assert_int_equal(fn_account_add(f->s, "acme", "Acme", NULL, &f->err),
			 FN_ECONFLICT);
	assert_ok(fn_account_edit(f->s, "acme", NULL, "retail", &f->err));
	assert_int_equal(fn_account_edit(f->s, "nope", "X", NULL, &f->err),
			 FN_ENOTFOUND);
	assert_ok(fn_accounts_json(f->s, &doc, &f->err));
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(doc, 0), "sector")), "retail");
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(doc, 0), "name")), "Acme");
	json_decref(doc);
	assert_ok(fn_contact_add(f->s, &c, &f->err));
	c.role = "chief";
	assert_int_equal(fn_contact_add(f->s, &c, &f->err), FN_ECONFLICT);
	assert_int_equal(fn_contact_edit(f->s, &c, &f->err), FN_EINVAL);
	c.role = "sponsor";
	c.name = NULL;
	assert_ok(fn_contact_edit(f->s, &c, &f->err));
	assert_ok(fn_contacts_json(f->s, "acme", &doc, &f->err));
	assert_int_equal(json_array_size(doc), 1);
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(doc, 0), "role")), "sponsor");
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(doc, 0), "name")), "Dana");
	json_decref(doc);
	assert_ok(fn_rate_save(f->s, "EUR", D("2026-01-01"), 1.08, &f->err));
	assert_int_equal(fn_rate_save(f->s, "USD", D("2026-01-01"), 1.0,
				      &f->err), FN_EINVAL);
	assert_int_equal(fn_rate_save(f->s, "EUR", D("2026-01-01"), 0,
				      &f->err), FN_EINVAL);
	assert_ok(fn_rates_json(f->s, &doc, &f->err));
	assert_int_equal(json_array_size(doc), 1);
	assert_true(json_real_value(json_object_get(json_array_get(doc, 0),
						    "rate")) == 1.08);
	json_decref(doc);
}

static void missing_file_and_plural(void **state)
{
	struct fix *f = *state;
	char *text = NULL, buf[64], path[700];

	snprintf(path, sizeof path, "%s/nope.txt", f->dir);
	assert_int_equal(fn_read_file(path, &text, &f->err), FN_ENOTFOUND);
	assert_non_null(strstr(f->err.msg, "nope.txt: no such file"));
	assert_int_equal(fn_process_load_file(f->s, path, NULL, 0, &f->r,
					      &f->err), FN_ENOTFOUND);
	assert_non_null(strstr(f->err.msg, "nope.txt: no such file"));
	assert_string_equal(fn_plural(buf, sizeof buf, 1, "opportunity",
				      "opportunities"), "1 opportunity");
	assert_string_equal(fn_plural(buf, sizeof buf, 2, "change", "changes"),
			    "2 changes");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(probability_is_a_percentage),
		cmocka_unit_test_setup_teardown(
			dates_not_in_future_nor_before_created, setup, teardown),
		cmocka_unit_test_setup_teardown(conflicts, setup, teardown),
		cmocka_unit_test_setup_teardown(
			outcomes_by_prefix_number_and_uncheck, setup, teardown),
		cmocka_unit_test_setup_teardown(process_drop_needs_a_move, setup,
						teardown),
		cmocka_unit_test_setup_teardown(process_show_numbers_outcomes,
						setup, teardown),
		cmocka_unit_test_setup_teardown(list_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(accounts_contacts_rates, setup,
						teardown),
		cmocka_unit_test_setup_teardown(missing_file_and_plural, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
