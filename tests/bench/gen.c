/*
 * gen: writes a realistic customer list for the benchmark.
 *
 *     gen [-a AGENTS] [ROWS]  (default 1000000)
 *
 * The columns are those of DOMAIN.md, in the order of
 * samples/customers.csv.  The values are what a branch's export holds:
 * Chinese names, the 9 name-book sources, districts, the grading
 * dimensions (好/一般, 强/一般, 广/一般), closed yes/no (now and then 是/否),
 * trust 感知/情感/行为 or empty, dates mostly 2026-11-23 and sometimes
 * 2026/1/5, premiums whole or with cents or empty.  Addresses have commas
 * (quoted), some have doubled quotes, and about 1 in 200 an embedded
 * newline.
 *
 * The output is deterministic: its own PRNG with a fixed seed, and row i
 * is the same whatever ROWS is, so `gen 1000` is the first 1000 rows of
 * `gen 1000000`.  Every row is accepted by cm-classify with the shipped
 * rules.
 *
 * The agents: without -a, 40 customers an agent, in agent order (row i
 * has agent i / 40 + 1), the output of earlier benchmarks.  With -a
 * AGENTS, each row's agent is drawn from 1 ... AGENTS by a hash of the
 * row's number, so the agents interleave as in a branch's export sorted
 * by customer (about ROWS / AGENTS rows each); the hash draws nothing
 * from the PRNG, so every other column is the same as without -a.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t state = 0x9E3779B97F4A7C15ULL;

/* -a: the number of agents, or 0 for 40 customers an agent in order. */
static unsigned long agents;

/* splitmix64: small, fast, good enough for test data. */
static uint64_t
next(void)
{
	uint64_t z = (state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* splitmix64's finalizer of x alone: the row's agent, apart from state. */
static uint64_t
mix(uint64_t x)
{
	x += 0x2545F4914F6CDD1DULL;
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
	return x ^ (x >> 31);
}

/* Row i's agent, 1 ... */
static unsigned long
agent_of(unsigned long i)
{
	if (agents == 0)
		return i / 40 + 1;
	return (unsigned long)((mix(i) >> 32) * agents >> 32) + 1;
}

/* A number in [0, n). */
static unsigned
pick(unsigned n)
{
	return (unsigned)((next() >> 32) * n >> 32);
}

/* True about once in n. */
static int
one_in(unsigned n)
{
	return pick(n) == 0;
}

static const char *const surname[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
	"徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
	"郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
	"彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
	"欧阳", "司马",
};

static const char *const given[] = {
	"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军",
	"洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞",
	"平", "刚", "桂英", "建华", "文", "华", "红", "玉兰", "志强", "婷",
	"晓东", "海燕", "丹", "鹏", "宇", "浩然", "思远", "欣怡", "子涵", "梓萱",
};

static const char *const source[] = {
	"亲属", "同学老师", "左邻右舍", "消费场所", "既往同事",
	"趣味相投", "子女相关", "家人相关", "业外同行",
};

static const char *const city = "南京市";

static const char *const district[] = {
	"玄武区", "秦淮区", "建邺区", "鼓楼区", "栖霞区", "雨花台区",
	"江宁区", "浦口区", "六合区", "溧水区", "高淳区",
};

static const char *const road[] = {
	"中山路", "北京东路", "汉中路", "龙蟠路", "虎踞路", "江东中路",
	"中华路", "珠江路", "广州路", "上海路", "应天大街", "集庆门大街",
	"双龙大道", "天元中路", "江北大道", "草场门大街",
};

static const char *const estate[] = {
	"金陵小区", "翠苑", "锦绣花园", "阳光新城", "御水湾", "梅花山庄",
};

static const char *const note[] = {
	"(后门进)", "(小区北门)", "(快递放门卫)", "(白天不在家)",
};

static const char *const trust[] = { "感知", "情感", "行为" };

static const int premium[] = {
	1200, 2400, 3600, 5000, 6000, 8800, 10000, 12000, 15000, 20000,
	26000, 30000, 48000, 60000, 100000,
};

static int
days_in(int y, int m)
{
	static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return len[m - 1];
}

/*
 * Every pick() below is in a statement of its own: the order in which C
 * evaluates a call's arguments is unspecified, and the file must be the
 * same whichever compiler built gen.
 */

static void
ymd(int y, int m, int d)
{
	if (one_in(10))
		printf("%d/%d/%d", y, m, d);
	else
		printf("%04d-%02d-%02d", y, m, d);
}

/* A date in the years [y0, y1]: mostly 2026-01-05, 1 in 10 2026/1/5. */
static void
date(int y0, int y1)
{
	int y, m, d;

	y = y0 + (int)pick((unsigned)(y1 - y0 + 1));
	m = 1 + (int)pick(12);
	d = 1 + (int)pick((unsigned)days_in(y, m));
	ymd(y, m, d);
}

/* The day before (y, m, d), n times: back from today, at most 900 days. */
static void
days_back(int *y, int *m, int *d, unsigned n)
{
	while (n >= (unsigned)*d) {
		n -= (unsigned)*d;
		if (--*m == 0) {
			*m = 12;
			--*y;
		}
		*d = days_in(*y, *m);
	}
	*d -= (int)n;
}

/*
 * The last contact, counted back from the benchmark's today, 2026-11-23:
 * 7 in 10 within the year, the rest up to about 2.5 years back (dormant).
 */
static void
last_contact(void)
{
	int y = 2026, m = 11, d = 23;
	unsigned back;

	if (pick(10) < 7)
		back = pick(365);
	else
		back = 365 + pick(540);
	days_back(&y, &m, &d, back);
	ymd(y, m, d);
}

static void
address(const char *dist)
{
	int kind = (int)pick(100);
	const char *rd, *est;
	unsigned no, bldg, unit, room;

	/* Most live in the district they are listed under. */
	if (one_in(8))
		dist = district[pick(N(district))];
	rd = road[pick(N(road))];
	est = estate[pick(N(estate))];
	no = 1 + pick(300);
	bldg = 1 + pick(30);
	unit = 1 + pick(6);
	room = 101 + pick(2900);
	if (kind < 55)
		printf("%s%s%s%u号", city, dist, rd, no);
	else if (kind < 90)
		printf("\"%s%s%s%u号,%u栋%u室\"", city, dist, rd, no, bldg,
		    room);
	else
		printf("\"%s%s\"\"%s\"\"%u栋%u单元%u室\"", city, dist, est,
		    bldg, unit, room);
}

/* An address with an embedded newline, as typed into an Excel cell. */
static void
address_nl(const char *dist)
{
	const char *rd, *nt;
	unsigned no, bldg, room;

	rd = road[pick(N(road))];
	nt = note[pick(N(note))];
	no = 1 + pick(300);
	bldg = 1 + pick(30);
	room = 101 + pick(2900);
	printf("\"%s%s%s%u号,%u栋%u室\n%s\"", city, dist, rd, no, bldg, room,
	    nt);
}

static void
row(unsigned long i)
{
	const char *dist, *sur, *giv, *sex, *eco, *aw, *inf, *cl;
	unsigned pfx, num;
	int closed, by, p;

	dist = district[pick(N(district))];
	closed = pick(100) < 45;
	sur = surname[pick(N(surname))];
	giv = given[pick(N(given))];
	pfx = pick(5);
	num = pick(1000000000);
	sex = pick(2) ? "男" : "女";

	/* customer_id, agent_id, name, phone, gender */
	printf("C%07lu,A%05lu,%s%s,1%c%09u,%s,", i + 1, agent_of(i), sur, giv,
	    "35789"[pfx], num, sex);
	/* birthday, birthday_calendar, wedding_date */
	by = 1950 + (int)pick(55);
	date(by, by);
	printf(",%s,", one_in(5) ? "lunar" : "solar");
	if (by < 2000 && pick(100) < 40)
		date(by + 20, by + 26 > 2026 ? 2026 : by + 26);
	/* source, region, address */
	printf(",%s,%s,", source[pick(N(source))], dist);
	if (one_in(200))
		address_nl(dist);
	else
		address(dist);
	/* economy, awareness, influence, closed */
	eco = pick(100) < 35 ? "好" : "一般";
	aw = pick(100) < 40 ? "强" : "一般";
	inf = pick(100) < 30 ? "广" : "一般";
	if (one_in(50))
		cl = closed ? "是" : "否";
	else
		cl = closed ? "yes" : "no";
	printf(",%s,%s,%s,%s,", eco, aw, inf, cl);
	/* annual_premium: empty for prospects, and for some closed ones */
	if (closed && !one_in(30)) {
		p = premium[pick(N(premium))];
		if (one_in(8)) {
			p += (int)pick(1000);
			printf("%d.%02u", p, pick(100));
		} else {
			printf("%d", p);
		}
	}
	putchar(',');
	/* last_contact: 1 in 20 never contacted */
	if (!one_in(20))
		last_contact();
	putchar(',');
	/* interactions_90d: 1 in 50 empty; mostly 0-5, a few up to 12 */
	if (!one_in(50)) {
		if (one_in(4))
			printf("%u", pick(13));
		else
			printf("%u", pick(6));
	}
	putchar(',');
	/* trust: 1 in 4 empty */
	p = (int)pick(4);
	if (p > 0)
		fputs(trust[p - 1], stdout);
	putchar('\n');
}

/* Sets *n to the count s, returning 0, or returns -1. */
static int
count(const char *s, unsigned long *n)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	*n = strtoul(s, &end, 10);
	return *end == '\0' ? 0 : -1;
}

static int
usage(void)
{
	fprintf(stderr, "usage: gen [-a agents] [rows]\n");
	return 2;
}

int
main(int argc, char **argv)
{
	static char buf[1 << 20];
	unsigned long n = 1000000, i;
	int k = 1;

	if (k + 1 < argc && strcmp(argv[k], "-a") == 0) {
		if (count(argv[k + 1], &agents) < 0 || agents == 0 ||
		    agents > 0xFFFFFFFFUL) {
			fprintf(stderr, "gen: '%s' is not a count of agents "
			    "(1 or more)\n", argv[k + 1]);
			return 2;
		}
		k += 2;
	}
	if (argc - k > 1 || (k < argc && argv[k][0] == '-'))
		return usage();
	if (k < argc && count(argv[k], &n) < 0) {
		fprintf(stderr, "gen: '%s' is not a row count\n", argv[k]);
		return 2;
	}
	setvbuf(stdout, buf, _IOFBF, sizeof(buf));
	fputs("customer_id,agent_id,name,phone,gender,birthday,"
	    "birthday_calendar,wedding_date,source,region,address,economy,"
	    "awareness,influence,closed,annual_premium,last_contact,"
	    "interactions_90d,trust\n", stdout);
	for (i = 0; i < n; i++)
		row(i);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("gen: stdout");
		return 1;
	}
	return 0;
}
