/*
 * utf8.c - checking, decoding and measuring UTF-8 text (see utf8.h).
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "funnel/utf8.h"

/* Length of the valid sequence at s (n > 0 bytes available), 0 if bad. */
static size_t seq_len(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t len;
	uint32_t v, min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		v = c & 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		v = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		v = c & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

int fn_utf8_check(const char *s, size_t n, size_t *bad)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	uint32_t cp;

	while (i < n) {
		size_t len;

		if (u[i] < 0x80) {
			uint64_t w;

			/* ASCII runs, the common case, eight bytes at a time */
			while (n - i >= 8) {
				memcpy(&w, u + i, 8);
				if (w & 0x8080808080808080u)
					break;
				i += 8;
			}
			while (i < n && u[i] < 0x80)
				i++;
			continue;
		}
		len = seq_len(u + i, n - i, &cp);
		if (!len) {
			if (bad)
				*bad = i;
			return 0;
		}
		i += len;
	}
	return 1;
}

int fn_utf8_valid(const char *s)
{
	return s ? fn_utf8_check(s, strlen(s), NULL) : 1;
}

size_t fn_utf8_next(const char *s, size_t n, uint32_t *cp)
{
	size_t len = seq_len((const unsigned char *)s, n, cp);

	if (len)
		return len;
	*cp = 0xFFFD;
	return 1;
}

/* Inclusive ranges of code points, sorted. */
struct range {
	uint32_t lo, hi;
};

static int in(const struct range *r, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

/* Combining marks and zero-width characters (the common blocks). */
static const struct range zero[] = {
	{0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD},
	{0x0610, 0x061A}, {0x064B, 0x065F}, {0x0670, 0x0670},
	{0x06D6, 0x06DC}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A},
	{0x0E47, 0x0E4E}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF},
	{0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x2064},
	{0x20D0, 0x20FF}, {0x302A, 0x302D}, {0x3099, 0x309A},
	{0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF},
	{0xE0100, 0xE01EF},
};

/* East Asian Wide and Fullwidth (Unicode's EastAsianWidth W and F). */
static const struct range wide[] = {
	{0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A},
	{0x23E9, 0x23EC}, {0x23F0, 0x23F0}, {0x23F3, 0x23F3},
	{0x25FD, 0x25FE}, {0x2614, 0x2615}, {0x2648, 0x2653},
	{0x267F, 0x267F}, {0x2693, 0x2693}, {0x26A1, 0x26A1},
	{0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5},
	{0x26CE, 0x26CE}, {0x26D4, 0x26D4}, {0x26EA, 0x26EA},
	{0x26F2, 0x26F3}, {0x26F5, 0x26F5}, {0x26FA, 0x26FA},
	{0x26FD, 0x26FD}, {0x2705, 0x2705}, {0x270A, 0x270B},
	{0x2728, 0x2728}, {0x274C, 0x274C}, {0x274E, 0x274E},
	{0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797},
	{0x27B0, 0x27B0}, {0x27BF, 0x27BF}, {0x2B1B, 0x2B1C},
	{0x2B50, 0x2B50}, {0x2B55, 0x2B55}, {0x2E80, 0x303E},
	{0x3041, 0x3247}, {0x3250, 0x4DBF}, {0x4E00, 0xA4C6},
	{0xA960, 0xA97C}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
	{0xFE10, 0xFE19}, {0xFE30, 0xFE6B}, {0xFF01, 0xFF60},
	{0xFFE0, 0xFFE6}, {0x16FE0, 0x16FE4}, {0x17000, 0x18CD5},
	{0x1B000, 0x1B2FB}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
	{0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F202},
	{0x1F210, 0x1F23B}, {0x1F240, 0x1F248}, {0x1F250, 0x1F251},
	{0x1F260, 0x1F265}, {0x1F300, 0x1F320}, {0x1F32D, 0x1F335},
	{0x1F337, 0x1F37C}, {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA},
	{0x1F3CF, 0x1F3D3}, {0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4},
	{0x1F3F8, 0x1F43E}, {0x1F440, 0x1F440}, {0x1F442, 0x1F4FC},
	{0x1F4FF, 0x1F53D}, {0x1F54B, 0x1F54E}, {0x1F550, 0x1F567},
	{0x1F57A, 0x1F57A}, {0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4},
	{0x1F5FB, 0x1F64F}, {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC},
	{0x1F6D0, 0x1F6D2}, {0x1F6D5, 0x1F6D7}, {0x1F6EB, 0x1F6EC},
	{0x1F6F4, 0x1F6FC}, {0x1F7E0, 0x1F7EB}, {0x1F90C, 0x1F93A},
	{0x1F93C, 0x1F945}, {0x1F947, 0x1F9FF}, {0x1FA70, 0x1FAFF},
	{0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

int fn_cp_width(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if (cp < 0x300)
		return 1;
	if (in(zero, sizeof zero / sizeof zero[0], cp))
		return 0;
	if (in(wide, sizeof wide / sizeof wide[0], cp))
		return 2;
	return 1;
}

size_t fn_utf8_width(const char *s)
{
	size_t n = strlen(s), w = 0;

	for (size_t i = 0; i < n;) {
		uint32_t cp;

		i += fn_utf8_next(s + i, n - i, &cp);
		w += (size_t)fn_cp_width(cp);
	}
	return w;
}

size_t fn_utf8_fit(const char *s, size_t width, size_t *used)
{
	size_t n = strlen(s), w = 0, i = 0;

	while (i < n) {
		uint32_t cp;
		size_t len = fn_utf8_next(s + i, n - i, &cp);
		size_t cw = (size_t)fn_cp_width(cp);

		if (w + cw > width)
			break;
		w += cw;
		i += len;
	}
	if (used)
		*used = w;
	return i;
}

size_t fn_utf8_column(const char *line, size_t off)
{
	size_t col = 1;

	for (size_t i = 0; i < off;) {
		uint32_t cp;

		i += fn_utf8_next(line + i, off - i, &cp);
		col++;
	}
	return col;
}

void fn_text_cell(FILE *out, const char *s, size_t width, int right)
{
	size_t used, len = fn_utf8_fit(s ? s : "", width, &used);

	if (right)
		for (size_t i = used; i < width; i++)
			fputc(' ', out);
	fwrite(s ? s : "", 1, len, out);
	if (!right)
		for (size_t i = used; i < width; i++)
			fputc(' ', out);
}

char *fn_utf8_repair(const char *s)
{
	size_t n = strlen(s), o = 0;
	char *out = malloc(n * 3 + 1);

	if (!out)
		return NULL;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = fn_utf8_next(s + i, n - i, &cp);

		if (len == 1 && (unsigned char)s[i] >= 0x80) {
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
		} else {
			memcpy(out + o, s + i, len);
			o += len;
		}
		i += len;
	}
	out[o] = '\0';
	return out;
}

static const struct {
	const char *name;
	enum fn_encoding enc;
} enc_names[] = {
	{"utf-8", FN_ENC_UTF8}, {"utf8", FN_ENC_UTF8},
	{"latin1", FN_ENC_LATIN1}, {"latin-1", FN_ENC_LATIN1},
	{"iso-8859-1", FN_ENC_LATIN1}, {"iso8859-1", FN_ENC_LATIN1},
	{"windows-1252", FN_ENC_CP1252}, {"cp1252", FN_ENC_CP1252},
};

fn_code fn_encoding_parse(const char *s, enum fn_encoding *out)
{
	for (size_t i = 0; s && i < sizeof enc_names / sizeof *enc_names; i++)
		if (!strcasecmp(s, enc_names[i].name)) {
			*out = enc_names[i].enc;
			return FN_OK;
		}
	return FN_EINVAL;
}

const char *fn_encoding_name(enum fn_encoding e)
{
	return e == FN_ENC_LATIN1 ? "latin1" :
	       e == FN_ENC_CP1252 ? "windows-1252" : "utf-8";
}

const char *fn_encoding_iconv_name(enum fn_encoding e)
{
	return e == FN_ENC_LATIN1 ? "ISO-8859-1" :
	       e == FN_ENC_CP1252 ? "CP1252" : "UTF-8";
}

void fn_utf8_bad_bytes(const char *s, size_t n, char *out, size_t size)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t o = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n && i < 4 && o + 6 <= size; i++) {
		if (i > 0 && (u[i] & 0xC0) != 0x80)
			break;
		o += (size_t)snprintf(out + o, size - o, "%s0x%02X",
				      i ? " " : "", u[i]);
	}
}

fn_code fn_text_decode(const char *in, size_t n, enum fn_encoding enc,
		       char **out, size_t *out_n, size_t *bad)
{
	size_t cap, inleft = n, outleft, off;
	char *buf, *ip = (char *)in, *op;
	iconv_t cd;
	fn_code rc = FN_OK;

	*out = NULL;
	if (enc == FN_ENC_UTF8) {
		if (!fn_utf8_check(in, n, &off)) {
			if (bad)
				*bad = off;
			return FN_EINVAL;
		}
		if (!(buf = malloc(n + 1)))
			return FN_ENOMEM;
		memcpy(buf, in, n);
		buf[n] = '\0';
		*out = buf;
		if (out_n)
			*out_n = n;
		return FN_OK;
	}
	/* A single-byte encoding: at most three bytes of UTF-8 each. */
	if (n > (SIZE_MAX - 1) / 3)
		return FN_ENOMEM;
	cap = n * 3 + 1;
	if (!(buf = malloc(cap)))
		return FN_ENOMEM;
	cd = iconv_open("UTF-8", fn_encoding_iconv_name(enc));
	if (cd == (iconv_t)-1) {
		free(buf);
		return FN_EIO;
	}
	op = buf;
	outleft = cap - 1;
	if (iconv(cd, &ip, &inleft, &op, &outleft) == (size_t)-1) {
		rc = errno == EILSEQ || errno == EINVAL ? FN_EINVAL : FN_EIO;
		if (bad)
			*bad = (size_t)(ip - in);
	}
	iconv_close(cd);
	if (rc) {
		free(buf);
		return rc;
	}
	*op = '\0';
	*out = buf;
	if (out_n)
		*out_n = (size_t)(op - buf);
	return FN_OK;
}
