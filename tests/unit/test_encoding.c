/*
 * test_encoding.c - UTF-8 everywhere: imports refuse text that is not
 * UTF-8 (naming file, line, column in characters, the bytes and the
 * --encoding hint) and change nothing; --encoding latin1 and windows-1252
 * convert; a BOM is skipped; characters cut by the reader's 64 KiB chunks
 * survive; process files are checked the same way; JSON output repairs
 * strings an older store holds instead of dropping the record.
 *
 * Expected texts are written by hand from the code charts of ISO-8859-1
 * and Windows-1252 (0xF3 = U+00F3, 0x93/0x94 = U+201C/U+201D, 0x80 =
 * U+20AC), never produced by the code under test.
 */
#include <jansson.h>
#include "testutil.h"
#include "../../lib/csvread.h"

struct fix {
	char dir[256];
	char db[320];
	struct fn_store *s;
	struct fn_err err;
	struct fn_import_stats st;
};

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof *f);
	struct fn_process p;
	struct fn_err err;

	assert_non_null(f);
	tu_tmpdir(f->dir, sizeof f->dir);
	snprintf(f->db, sizeof f->db, "%s/funnel.db", f->dir);
	assert_ok(fn_store_open(f->db, &f->s, &err));
	assert_ok(fn_process_default(&p, &err));
	assert_ok(fn_store_begin(f->s, &err));
	assert_ok(fn_store_process_save(f->s, &p, &err));
	assert_ok(fn_store_setting_set(f->s, "currency", "USD", &err));
	assert_ok(fn_store_commit(f->s, &err));
	fn_process_release(&p);
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

/* Writes n bytes (NULs and all) to dir/name. */
static void put_bytes(struct fix *f, const char *name, const char *data,
		      size_t n)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", f->dir, name);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
}

static void put(struct fix *f, const char *name, const char *text)
{
	put_bytes(f, name, text, strlen(text));
}

static fn_code import(struct fix *f, enum fn_import_format fmt,
		      enum fn_encoding enc, const char *map,
		      const char *const *names, size_t n)
{
	struct fn_import_opts o = {0};
	char paths[8][512], mp[512];
	const char *p[8];

	for (size_t i = 0; i < n; i++) {
		snprintf(paths[i], sizeof paths[i], "%s/%s", f->dir, names[i]);
		p[i] = paths[i];
	}
	o.format = fmt;
	o.encoding = enc;
	o.files = p;
	o.n_files = n;
	if (map) {
		snprintf(mp, sizeof mp, "%s/%s", f->dir, map);
		o.map_file = mp;
	}
	fn_err_clear(&f->err);
	return fn_import(f->s, &o, &f->st, &f->err);
}

static int64_t counts(struct fix *f)
{
	int64_t no = -1, ne = -1;
	struct fn_err err;

	assert_ok(fn_store_counts(f->s, &no, &ne, &err));
	return no * 1000000 + ne;
}

struct name_of {
	const char *ext;
	char name[128];
	int n;
};

static int c_opp(void *c, const struct fn_opp *o)
{
	struct name_of *x = c;

	x->n++;
	if (!strcmp(o->ext_id, x->ext))
		snprintf(x->name, sizeof x->name, "%s", o->name ? o->name : "");
	return 0;
}

static const char *opp_name(struct fix *f, const char *ext)
{
	static struct name_of x;
	struct fn_err err;

	memset(&x, 0, sizeof x);
	x.ext = ext;
	assert_ok(fn_store_opp_each(f->s, 0, c_opp, &x, &err));
	return x.name;
}

static void has(const char *msg, const char *what)
{
	if (!strstr(msg, what))
		fail_msg("'%s' not in: %s", what, msg);
}

/* A native opportunities file whose second data row holds Latin-1 text. */
static const char opps_latin1[] =
	"id,name,created,milestone,amount\n"
	"o1,Plain,2024-01-02,qualify,100\n"
	"o2,Presentaci\xF3n Propuesta,2024-01-03,qualify,200\n";

static const char *const opps_only[] = {"opportunities.csv"};

static void native_latin1_refused_then_converted(void **state)
{
	struct fix *f = *state;
	int64_t before = counts(f);

	put(f, "opportunities.csv", opps_latin1);
	assert_int_equal(import(f, FN_IMPORT_NATIVE, FN_ENC_UTF8, NULL,
				opps_only, 1), FN_EINVAL);
	/* line 3, after "o2,Presentaci" (13 characters) */
	has(f->err.msg, "opportunities.csv:3:14:");
	has(f->err.msg, "not UTF-8");
	has(f->err.msg, "0xF3");
	has(f->err.msg, "field name");
	has(f->err.msg, "--encoding latin1");
	assert_int_equal(counts(f), before);

	assert_ok(import(f, FN_IMPORT_NATIVE, FN_ENC_LATIN1, NULL, opps_only,
			 1));
	assert_string_equal(opp_name(f, "o2"),
			    "Presentaci\xC3\xB3n Propuesta");
	assert_int_equal(f->st.opps_created, 2);
}

static void column_counts_characters(void **state)
{
	struct fix *f = *state;

	/* "é€" before the bad byte: 2 characters, 5 bytes. */
	put(f, "opportunities.csv", "id,name,created\n"
				    "o1,\xC3\xA9\xE2\x82\xAC\xE9,2024-01-02\n");
	assert_int_equal(import(f, FN_IMPORT_NATIVE, FN_ENC_UTF8, NULL,
				opps_only, 1), FN_EINVAL);
	has(f->err.msg, "opportunities.csv:2:6:");
}

static void windows1252(void **state)
{
	struct fix *f = *state;
	int64_t before;

	put(f, "opportunities.csv", "id,name,created\n"
				    "o1,\x93Quoted\x94 \x80 5,2024-01-02\n");
	assert_ok(import(f, FN_IMPORT_NATIVE, FN_ENC_CP1252, NULL, opps_only,
			 1));
	assert_string_equal(opp_name(f, "o1"), "\xE2\x80\x9CQuoted\xE2\x80\x9D"
			    " \xE2\x82\xAC 5");

	/* 0x81 has no character in Windows-1252 */
	before = counts(f);
	put(f, "opportunities.csv", "id,name,created\n"
				    "o2,ok,2024-01-02\n"
				    "o3,ab\x81,2024-01-02\n");
	assert_int_equal(import(f, FN_IMPORT_NATIVE, FN_ENC_CP1252, NULL,
				opps_only, 1), FN_EINVAL);
	has(f->err.msg, "opportunities.csv:3:6:");
	has(f->err.msg, "0x81");
	has(f->err.msg, "windows-1252");
	assert_int_equal(counts(f), before);
}

static void bom_skipped(void **state)
{
	struct fix *f = *state;
	enum fn_encoding e;

	put(f, "opportunities.csv", "\xEF\xBB\xBFid,name,created\n"
				    "o1,Caf\xC3\xA9,2024-01-02\n");
	assert_ok(import(f, FN_IMPORT_NATIVE, FN_ENC_UTF8, NULL, opps_only,
			 1));
	assert_string_equal(opp_name(f, "o1"), "Caf\xC3\xA9");
	/* A BOM says UTF-8: reading it as Latin-1 would garble the file. */
	assert_int_equal(import(f, FN_IMPORT_NATIVE, FN_ENC_LATIN1, NULL,
				opps_only, 1), FN_EINVAL);
	has(f->err.msg, "byte-order mark");

	assert_ok(fn_encoding_parse("ISO-8859-1", &e));
	assert_int_equal(e, FN_ENC_LATIN1);
	assert_ok(fn_encoding_parse("cp1252", &e));
	assert_int_equal(e, FN_ENC_CP1252);
	assert_ok(fn_encoding_parse("UTF8", &e));
	assert_int_equal(e, FN_ENC_UTF8);
	assert_int_equal(fn_encoding_parse("ebcdic", &e), FN_EINVAL);
}

/* UTF-16, Excel's "Unicode text": its BOM, or its NUL bytes, say so. */
static void utf16(void **state)
{
	static const char le[] = "\xFF\xFEi\0d\0,\0n\0";
	static const char nobom[] = "i\0d\0,\0n\0";
	struct fix *f = *state;

	put_bytes(f, "opportunities.csv", le, sizeof le - 1);
	assert_int_equal(import(f, FN_IMPORT_NATIVE, FN_ENC_UTF8, NULL,
				opps_only, 1), FN_EINVAL);
	has(f->err.msg, "opportunities.csv:1:1:");
	has(f->err.msg, "UTF-16");
	assert_int_equal(import(f, FN_IMPORT_NATIVE, FN_ENC_LATIN1, NULL,
				opps_only, 1), FN_EINVAL);
	has(f->err.msg, "UTF-16");
	put_bytes(f, "opportunities.csv", nobom, sizeof nobom - 1);
	assert_int_equal(import(f, FN_IMPORT_NATIVE, FN_ENC_UTF8, NULL,
				opps_only, 1), FN_EINVAL);
	has(f->err.msg, "opportunities.csv:1:2:");
	has(f->err.msg, "NUL");
	assert_int_equal(import(f, FN_IMPORT_NATIVE, FN_ENC_CP1252, NULL,
				opps_only, 1), FN_EINVAL);
	has(f->err.msg, "opportunities.csv:1:2:");
	has(f->err.msg, "NUL");
}

/* Every file of a multi-file import is checked, and the map file too. */
static void salesforce_every_file(void **state)
{
	static const char *const sf[] = {"User.csv", "Opportunity.csv"};
	struct fix *f = *state;
	int64_t before = counts(f);

	put(f, "User.csv", "Id,Name,ManagerId\n"
			   "005A,Jos\xE9 P\xE9rez,\n");
	put(f, "Opportunity.csv",
	    "Id,Name,OwnerId,Amount,CloseDate,StageName,CreatedDate\n"
	    "006A,Deal,005A,100,2025-03-31,Presentaci\xF3n Propuesta,"
	    "2025-01-02 10:00:00\n");
	put(f, "map.csv", "stage,milestone\n"
			  "Presentaci\xC3\xB3n Propuesta,propose\n");
	assert_int_equal(import(f, FN_IMPORT_SALESFORCE, FN_ENC_UTF8, "map.csv",
				sf, 2), FN_EINVAL);
	has(f->err.msg, "User.csv:2:9:");
	assert_int_equal(counts(f), before);

	/* The UTF-8 map still applies when the data is Latin-1. */
	assert_ok(import(f, FN_IMPORT_SALESFORCE, FN_ENC_LATIN1, "map.csv", sf,
			 2));
	assert_int_equal(f->st.opps_created, 1);

	/* A Latin-1 map is read in the import's encoding. */
	put(f, "map.csv", "stage,milestone\nPresentaci\xF3n Propuesta,propose\n");
	assert_ok(import(f, FN_IMPORT_SALESFORCE, FN_ENC_LATIN1, "map.csv", sf,
			 2));
	/* ... and refused, with its own name, when nothing says so. */
	put(f, "User.csv", "Id,Name,ManagerId\n005A,Jose,\n");
	put(f, "map2.csv", "stage,milestone\n"
			   "Presentaci\xC3\xB3n Propuesta,propose\n");
	assert_int_equal(import(f, FN_IMPORT_SALESFORCE, FN_ENC_UTF8,
				"map2.csv", sf, 2), FN_EINVAL);
	has(f->err.msg, "Opportunity.csv:2:41:");
	assert_int_equal(import(f, FN_IMPORT_SALESFORCE, FN_ENC_UTF8, "map.csv",
				sf, 2), FN_EINVAL);
	has(f->err.msg, "map.csv:2:11:");
}

/* The Maven sample's four files: each one is checked, and converted. */
static void maven_every_file(void **state)
{
	static const char *const mv[] = {"sales_pipeline.csv", "products.csv",
					 "accounts.csv", "sales_teams.csv"};
	static const char *const texts[] = {
		"opportunity_id,sales_agent,product,account,deal_stage,"
		"engage_date,close_date,close_value\r\n"
		"W1,Ana Mu\xF1oz,GTX Pro,Caf\xE9 SA,Won,2016-10-20,2017-03-01,"
		"4514\r\n",
		"product,series,sales_price\r\nGTX Pro,GTX,4821\r\n",
		"account,sector,year_established\r\nCaf\xE9 SA,retail,2001\r\n",
		"sales_agent,manager,regional_office\r\n"
		"Ana Mu\xF1oz,Dustin,S\xE3o Paulo\r\n",
	};
	/* where the first Latin-1 byte of each is: line, column */
	static const char *const where[] = {
		"sales_pipeline.csv:2:10:", NULL, "accounts.csv:2:4:",
		"sales_teams.csv:2:7:",
	};
	struct fix *f = *state;
	int64_t before = counts(f);
	struct fn_err err;
	int64_t id;

	for (size_t k = 0; k < 4; k++) {
		if (!where[k])
			continue;
		/* only file k in Latin-1, the others in UTF-8 */
		for (size_t j = 0; j < 4; j++) {
			char *u = NULL;

			if (j == k) {
				put(f, mv[j], texts[j]);
				continue;
			}
			assert_ok(fn_text_decode(texts[j], strlen(texts[j]),
						 FN_ENC_LATIN1, &u, NULL, NULL));
			put(f, mv[j], u);
			free(u);
		}
		assert_int_equal(import(f, FN_IMPORT_MAVEN, FN_ENC_UTF8, NULL,
					mv, 4), FN_EINVAL);
		has(f->err.msg, where[k]);
		assert_int_equal(counts(f), before);
	}
	for (size_t j = 0; j < 4; j++)
		put(f, mv[j], texts[j]);
	assert_ok(import(f, FN_IMPORT_MAVEN, FN_ENC_LATIN1, NULL, mv, 4));
	assert_ok(fn_store_find(f->s, FN_REC_USER, "Ana Mu\xC3\xB1oz", &id,
				&err));
	assert_ok(fn_store_find(f->s, FN_REC_ACCOUNT, "Caf\xC3\xA9 SA", &id,
				&err));
}

/* Characters cut by the end of a 64 KiB chunk (and a 16 KiB raw piece when
 * converting) are read whole, and lines are still counted right. */
static void chunk_boundaries(void **state)
{
	static const char *const seqs[] = {"\xC3\xA9", "\xE2\x82\xAC",
					   "\xF0\x9F\x98\x80"};
	struct fix *f = *state;
	size_t cap = 300000, n;
	char *buf = malloc(cap);

	assert_non_null(buf);
	for (size_t k = 0; k < 3; k++) {
		for (size_t shift = 1; shift < strlen(seqs[k]); shift++) {
			n = (size_t)snprintf(buf, cap, "id,name,created\n");
			/* names of 99 bytes fill lines until the sequence
			 * straddles offset 65536 */
			while (n + 120 < 65536 - shift) {
				n += (size_t)snprintf(buf + n, cap - n,
						      "x%zu,", n);
				memset(buf + n, 'a', 60);
				n += 60;
				n += (size_t)snprintf(buf + n, cap - n,
						      ",2024-01-02\n");
			}
			n += (size_t)snprintf(buf + n, cap - n, "last,");
			while (n < 65536 - shift)
				buf[n++] = 'b';
			n += (size_t)snprintf(buf + n, cap - n,
					      "%s,2024-01-02\n", seqs[k]);
			put_bytes(f, "opportunities.csv", buf, n);
			if (import(f, FN_IMPORT_NATIVE, FN_ENC_UTF8, NULL,
				   opps_only, 1))
				fail_msg("%zu/%zu: %s", k, shift, f->err.msg);
			assert_string_equal(opp_name(f, "last") +
					    strlen(opp_name(f, "last")) -
					    strlen(seqs[k]), seqs[k]);
		}
	}

	/* Latin-1 over several raw pieces; the bad byte of the UTF-8 read
	 * is on line 3001. */
	n = (size_t)snprintf(buf, cap, "id,name,created\n");
	for (int i = 0; i < 3000; i++)
		n += (size_t)snprintf(buf + n, cap - n,
				      "l%d,Se\xF1or %d,2024-01-02\n", i, i);
	put_bytes(f, "opportunities.csv", buf, n);
	assert_int_equal(import(f, FN_IMPORT_NATIVE, FN_ENC_UTF8, NULL,
				opps_only, 1), FN_EINVAL);
	has(f->err.msg, "opportunities.csv:2:6:");
	assert_ok(import(f, FN_IMPORT_NATIVE, FN_ENC_LATIN1, NULL, opps_only,
			 1));
	assert_string_equal(opp_name(f, "l2999"), "Se\xC3\xB1or 2999");
	assert_int_equal(f->st.rows, 3000);

	/* A bad byte far into a big file: the line and column are right. */
	buf[n - 14] = '\x81'; /* the second 9 of "Señor 2999" */
	put_bytes(f, "opportunities.csv", buf, n);
	assert_int_equal(import(f, FN_IMPORT_NATIVE, FN_ENC_CP1252, NULL,
				opps_only, 1), FN_EINVAL);
	has(f->err.msg, "opportunities.csv:3001:15:");

	/* A line over several chunks: its column counts every character
	 * before the bad byte, in every chunk. "o1," then 70,000 'é'. */
	n = (size_t)snprintf(buf, cap, "id,name,created\no1,");
	for (int i = 0; i < 70000; i++) {
		buf[n++] = '\xC3';
		buf[n++] = '\xA9';
	}
	buf[n++] = '\xFF';
	n += (size_t)snprintf(buf + n, cap - n, ",2024-01-02\n");
	put_bytes(f, "opportunities.csv", buf, n);
	assert_int_equal(import(f, FN_IMPORT_NATIVE, FN_ENC_UTF8, NULL,
				opps_only, 1), FN_EINVAL);
	has(f->err.msg, "opportunities.csv:2:70004:");
	has(f->err.msg, "0xFF");
	/* The same in Windows-1252 (0xE9 is é), 0x81 undefined. */
	n = (size_t)snprintf(buf, cap, "id,name,created\no1,");
	memset(buf + n, '\xE9', 70000);
	n += 70000;
	buf[n++] = '\x81';
	n += (size_t)snprintf(buf + n, cap - n, ",2024-01-02\n");
	put_bytes(f, "opportunities.csv", buf, n);
	assert_int_equal(import(f, FN_IMPORT_NATIVE, FN_ENC_CP1252, NULL,
				opps_only, 1), FN_EINVAL);
	has(f->err.msg, "opportunities.csv:2:70004:");
	free(buf);
}

static void process_file(void **state)
{
	struct fn_process *p = NULL;
	size_t n = 0;
	struct fn_err err;

	(void)state;
	assert_int_equal(fn_process_parse("process Ventas\n"
					  "milestone Calificaci\xF3n 10%\n",
					  "p.txt", &p, &n, &err), FN_EINVAL);
	has(err.msg, "p.txt:2:21:");
	has(err.msg, "not UTF-8");
	has(err.msg, "0xF3");
	/* A BOM is skipped; columns of other errors count characters. */
	assert_int_equal(fn_process_parse("\xEF\xBB\xBFprocess Ventas\n"
					  "milestone Preparaci\xC3\xB3n x%\n",
					  "p.txt", &p, &n, &err), FN_EINVAL);
	has(err.msg, "p.txt:2:23:");
	assert_ok(fn_process_parse("\xEF\xBB\xBFprocess Ventas\n"
				   "milestone Preparaci\xC3\xB3n 10%\n",
				   "p.txt", &p, &n, &err));
	assert_string_equal(p[0].name, "Ventas");
	assert_string_equal(p[0].ms[0].name, "Preparaci\xC3\xB3n");
	fn_processes_free(p, n);
}

static void json_strings(void **state)
{
	json_t *j;

	(void)state;
	j = fn_json_str("Presentaci\xF3n");
	assert_non_null(j);
	assert_string_equal(json_string_value(j), "Presentaci\xEF\xBF\xBDn");
	json_decref(j);
	j = fn_json_str("Caf\xC3\xA9");
	assert_string_equal(json_string_value(j), "Caf\xC3\xA9");
	json_decref(j);
	j = fn_json_str(NULL);
	assert_true(json_is_null(j));
	json_decref(j);
	j = fn_json_str_or_null("");
	assert_true(json_is_null(j));
	json_decref(j);
}

/* A store written before the checks (here by the store API directly) may
 * hold Latin-1 text: the JSON export still holds every record. */
static void export_old_store(void **state)
{
	struct fix *f = *state;
	struct fn_err err;
	struct fn_opp o = {0};
	struct fn_user u = {0};
	struct fn_process *p;
	size_t np, i;
	char out[400], path[512];
	json_t *doc, *a;
	int created;
	FILE *fp;
	char line[4096];
	int bad_lines = 0;

	assert_ok(fn_store_process_load(f->s, &p, &np, &err));
	assert_ok(fn_store_begin(f->s, &err));
	u.ext_id = "u\xE9";
	u.name = "Jos\xE9";
	assert_ok(fn_store_user_put(f->s, &u, &created, &err));
	for (i = 0; i < 3; i++) {
		char id[8];

		memset(&o, 0, sizeof o);
		snprintf(id, sizeof id, "o%zu", i);
		o.ext_id = id;
		o.name = i == 1 ? "Presentaci\xF3n" : "Fine";
		o.process_id = p[0].id;
		o.currency = "USD";
		assert_ok(fn_store_opp_put(f->s, &o, &created, &err));
	}
	assert_ok(fn_store_commit(f->s, &err));
	fn_processes_free(p, np);

	snprintf(out, sizeof out, "%s/out", f->dir);
	assert_ok(fn_export(f->s, FN_EXPORT_JSON, out, &err));
	snprintf(path, sizeof path, "%s/funnel.json", out);
	doc = json_load_file(path, 0, NULL);
	assert_non_null(doc);
	a = json_object_get(doc, "opportunities");
	assert_int_equal(json_array_size(a), 3);
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(a, 1), "name")),
			    "Presentaci\xEF\xBF\xBDn");
	a = json_object_get(doc, "users");
	assert_int_equal(json_array_size(a), 1);
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(a, 0), "id")),
			    "u\xEF\xBF\xBD");
	json_decref(doc);

	/* The CSV export is valid UTF-8 too, so it imports again. */
	assert_ok(fn_export(f->s, FN_EXPORT_CSV, out, &err));
	snprintf(path, sizeof path, "%s/opportunities.csv", out);
	fp = fopen(path, "r");
	assert_non_null(fp);
	while (fgets(line, sizeof line, fp))
		bad_lines += !fn_utf8_valid(line);
	fclose(fp);
	assert_int_equal(bad_lines, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			native_latin1_refused_then_converted, setup, teardown),
		cmocka_unit_test_setup_teardown(column_counts_characters,
						setup, teardown),
		cmocka_unit_test_setup_teardown(windows1252, setup, teardown),
		cmocka_unit_test_setup_teardown(bom_skipped, setup, teardown),
		cmocka_unit_test_setup_teardown(salesforce_every_file, setup,
						teardown),
		cmocka_unit_test_setup_teardown(utf16, setup, teardown),
		cmocka_unit_test_setup_teardown(maven_every_file, setup,
						teardown),
		cmocka_unit_test_setup_teardown(chunk_boundaries, setup,
						teardown),
		cmocka_unit_test(process_file),
		cmocka_unit_test(json_strings),
		cmocka_unit_test_setup_teardown(export_old_store, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
