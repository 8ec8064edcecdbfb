#ifndef CM_ADDR_H
#define CM_ADDR_H

/*
 * Chinese addresses as the parts of their administrative levels: 省, 市,
 * 区/县, 街道/镇, 路, 号, 小区.  An address is written from the widest
 * level to the narrowest, without separators, each part ending in a word
 * that names its level (南京市 玄武区 玄武门街道 中山路 1号 金陵小区); so
 * the parts are found by those words, and since a word may also stand
 * inside a name (新街口街道, whose 街 is not a road's), the address is
 * cut where the most parts follow one another from the wider level to
 * the narrower.  What follows the last part (3栋201室) is not a part.
 *
 * This module knows nothing of the tool: it could serve any tool that
 * places a customer by address (cm-calls' ground agents by area).
 * The parts point into the text given; nothing is allocated.
 */

#include <stddef.h>

enum addr_level {
	ADDR_PROVINCE,		/* 省, 自治区, 特别行政区 */
	ADDR_CITY,		/* 市, 自治州, 地区, 盟 */
	ADDR_DISTRICT,		/* 区, 县, 旗, and a 市 under a 市 */
	ADDR_STREET,		/* 街道, 镇, 乡, 苏木 */
	ADDR_ROAD,		/* 路, 街, 大街, 大道, 巷, 弄, 胡同 */
	ADDR_NUMBER,		/* 号 */
	ADDR_ESTATE,		/* 小区, 花园, 新村, 新城, 山庄, 公寓, 家园, 大厦 */
	ADDR_NLEVEL
};

struct addr_part {
	enum addr_level level;
	const char *s;		/* into the address, not NUL-terminated */
	size_t len;
};

/*
 * The parts of the address s[0..len), at most ADDR_NLEVEL, into part;
 * returns how many, and in *end the offset where the last part ends.
 * Spaces and the separators , ， 、 / - before a part are passed over.
 */
size_t addr_parts(const char *s, size_t len, struct addr_part *part,
    size_t *end);

/*
 * "province", "city", "district", "street", "road", "house number",
 * "estate", in English: a message translates it with _().
 */
const char *addr_level_name(enum addr_level level);

/* The great-circle distance in km between two points given in degrees. */
double addr_km(double lat1, double lon1, double lat2, double lon2);

#endif
