package attribution

import (
	"strconv"
	"strings"
	"time"

	"github.com/isnad/isnad/quotes"
)

// monthNames maps the key form (quotes.Key) of every month name isnad
// reads to its number: the default MSA (Egypt, Gulf) names with the
// Egyptian يونيه / يوليه spellings, the Levantine and Iraqi Syriac names,
// the Algerian-Tunisian and Moroccan French-derived names and the
// Mauritanian ones (ARABIC.md §4.1, from CLDR via dateparser's ar.py and
// moment's ar-ma.js), and English names for RFC 822 and "5th, June 2025".
var monthNames = map[string]int{}

func init() {
	for i, names := range [][]string{
		{"يناير", "كانون الثاني", "جانفي", "january", "jan"},
		{"فبراير", "شباط", "فيفري", "february", "feb"},
		{"مارس", "آذار", "march", "mar"},
		{"أبريل", "ابريل", "إبريل", "نيسان", "أفريل", "april", "apr"},
		{"مايو", "أيار", "ماي", "may"},
		{"يونيو", "يونيه", "يونية", "حزيران", "جوان", "june", "jun"},
		{"يوليو", "يوليه", "يولية", "تموز", "جويلية", "يوليوز", "july", "jul"},
		{"أغسطس", "آب", "أوت", "غشت", "أغشت", "august", "aug"},
		{"سبتمبر", "أيلول", "شتنبر", "شتمبر", "september", "sep", "sept"},
		{"أكتوبر", "تشرين الأول", "october", "oct"},
		{"نوفمبر", "تشرين الثاني", "نونبر", "november", "nov"},
		{"ديسمبر", "كانون الأول", "دجنبر", "دجمبر", "december", "dec"},
	} {
		for _, n := range names {
			monthNames[quotes.Key(n)] = i + 1
		}
	}
}

// hijriMarkers follow a Hijri year (1445هـ); the date before them is not
// Gregorian and is skipped when a Gregorian one is also given.
var hijriMarkers = map[string]bool{"ه": true, "هـ": true}

// ParsePublished reads a publication date in the forms news pages and
// feeds use: ISO 8601 dates and date-times, RFC 822/1123 (with or without
// seconds and zone), "5th, June 2025 GMT", "5 يونيو 2025" with any of the
// regional month names, combined names ("حزيران/يونيو", "كانون الثاني
// (يناير)"), a weekday before the day, Eastern Arabic digits, DD/MM/YYYY
// and YYYY/MM/DD, and a Hijri date with its Gregorian equivalent after
// الموافق (the Gregorian one is taken). It returns the calendar day (time
// of day dropped, in the zone written) and whether a date was found.
func ParsePublished(s string) (time.Time, bool) {
	t, ok := parsePublished(s)
	if !ok || !plausibleYear(t.Year()) {
		return time.Time{}, false // 0000-10-10 parses, but dates no news
	}
	return t, true
}

func parsePublished(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	// Most articles give a bare day, which the longer layouts below would
	// each fail on, building an error, before DateOnly reads it.
	if len(s) == len(time.DateOnly) {
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			return day(t), true
		}
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return day(t), true
		}
	}
	if len(s) > 10 && s[4] == '-' && s[7] == '-' {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return day(t), true
		}
	}
	for _, layout := range []string{time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, time.RFC850,
		"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", "2 Jan 2006 15:04:05 -0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return day(t), true
		}
	}
	k := quotes.Key(s)
	if i := strings.Index(k, "الموافق"); i >= 0 {
		if t, ok := parseWords(k[i+len("الموافق"):]); ok {
			return t, true
		}
	}
	return parseWords(k)
}

func day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// parseWords finds day, month and year among the tokens of a key-folded
// date text.
func parseWords(k string) (time.Time, bool) {
	toks := strings.FieldsFunc(strings.ToLower(k), quotes.NotWordRune)
	dayN, month, year := 0, 0, 0
	var nums []int
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if i+1 < len(toks) {
			if m, ok := monthNames[t+" "+toks[i+1]]; ok {
				if month == 0 {
					month = m
				} else if m != month {
					return time.Time{}, false // combined names that disagree
				}
				i++
				continue
			}
		}
		if m, ok := monthNames[t]; ok {
			if month == 0 {
				month = m
			} else if m != month {
				return time.Time{}, false
			}
			continue
		}
		if h, err := strconv.Atoi(strings.TrimSuffix(t, "ه")); err == nil && strings.HasSuffix(t, "ه") && h > 1300 && h < 1600 {
			// A Hijri year with its era letter glued on (1445هـ): forget
			// what was gathered for it.
			dayN, month, year, nums = 0, 0, 0, nil
			continue
		}
		n, ok := number(t)
		if !ok {
			continue
		}
		if i+1 < len(toks) && hijriMarkers[toks[i+1]] {
			// A Hijri year followed by its era letter.
			dayN, month, year, nums = 0, 0, 0, nil
			i++
			continue
		}
		nums = append(nums, n)
		switch {
		case plausibleYear(n) && year == 0:
			year = n
		case n >= 1 && n <= 31 && dayN == 0 && month == 0 && year == 0:
			dayN = n
		case n >= 1 && n <= 31 && dayN == 0 && month != 0:
			dayN = n
		}
		if year != 0 && month != 0 && dayN != 0 {
			break
		}
	}
	if month == 0 && len(nums) >= 3 {
		// Numeric DD/MM/YYYY or YYYY/MM/DD.
		a, b, c := nums[0], nums[1], nums[2]
		switch {
		case plausibleYear(a) && b <= 12 && c <= 31:
			year, month, dayN = a, b, c
		case plausibleYear(c) && b <= 12 && a <= 31:
			year, month, dayN = c, b, a
		}
	}
	if year == 0 || month == 0 || dayN == 0 {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), dayN, 0, 0, 0, 0, time.UTC)
	if t.Day() != dayN { // 31 June and the like
		return time.Time{}, false
	}
	return t, true
}

// plausibleYear reports whether n can be the year of a news date.
func plausibleYear(n int) bool { return n >= 1900 && n <= 2100 }

// number reads a token as a number, allowing English ordinal suffixes
// (5th) and a trailing Hijri or Gregorian era letter glued to a year.
func number(t string) (int, bool) {
	for _, suf := range []string{"st", "nd", "rd", "th", "م"} {
		if len(t) > len(suf) && strings.HasSuffix(t, suf) {
			if _, err := strconv.Atoi(strings.TrimSuffix(t, suf)); err == nil {
				t = strings.TrimSuffix(t, suf)
				break
			}
		}
	}
	n, err := strconv.Atoi(t)
	return n, err == nil && n >= 0
}

// publishedLabels introduce the publication date line of a saved page
// (ARABIC.md §4.5).
var publishedLabels = []string{"تاريخ النشر", "نشر في", "نشر بتاريخ", "نشر يوم", "تاريخ الخبر", "published", "date"}

// FindPublished looks for a publication-date line ("تاريخ النشر: 5th,
// June 2025 GMT") among the first lines of a page and parses it.
func FindPublished(text string) (time.Time, bool) {
	for i, line := range strings.SplitN(text, "\n", 12) {
		if i == 11 {
			break
		}
		k := strings.ToLower(quotes.Key(line))
		for _, label := range publishedLabels {
			lk := quotes.Key(label)
			if !strings.HasPrefix(k, lk) {
				continue
			}
			rest := strings.TrimLeft(line, " \t")
			if j := strings.IndexAny(rest, ":："); j >= 0 && j < 40 {
				if t, ok := ParsePublished(rest[j+1:]); ok {
					return t, true
				}
			}
		}
	}
	return time.Time{}, false
}
