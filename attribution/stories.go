package attribution

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/isnad/isnad/quotes"
)

// story is one story of a page: a byte range of the article text, with
// the outlet and agency its page furniture names.
type story struct {
	start, end int
	source     string // "المصدر: X" inside the story
	agency     string // a credited agency: a standalone agency line or a dateline (أ ف ب)
}

// readAlsoKey marks a related-articles block ("اقرأ أيضاً:"): a new story.
var readAlsoKey = quotes.Fold("اقرأ أيضا")

// sourceKey opens a source line ("المصدر: صحيفة المرصد").
var sourceKey = quotes.Fold("المصدر")

// splitStories cuts a page into its stories (DESIGN.md §3: a saved page
// can hold several; attribution never carries a speaker across them). A
// story ends after its "المصدر:" line, and a line that is only "اقرأ
// أيضاً" starts a new one.
func splitStories(text string) []story {
	var out []story
	cur := story{start: 0}
	for off := 0; off < len(text); {
		nl := strings.IndexByte(text[off:], '\n')
		lineEnd := len(text)
		if nl >= 0 {
			lineEnd = off + nl
		}
		line := strings.TrimSpace(text[off:lineEnd])
		// Only the head of a line can mark a story: fold that, not a
		// whole paragraph.
		head := line
		if len(head) > 64 {
			cut := 64
			for cut > 0 && !utf8.RuneStart(head[cut]) {
				cut--
			}
			head = head[:cut]
		}
		// A line cut to its head is no "اقرأ أيضاً" line, and a line
		// without a colon no "المصدر:" line: most paragraphs are neither,
		// and need no key.
		key := ""
		if len(head) == len(line) || strings.Contains(line, ":") {
			key = strings.Trim(quotes.Fold(head), " :.")
		}
		next := lineEnd + 1
		switch {
		case len(head) == len(line) && (key == readAlsoKey || strings.TrimSuffix(key, "ً") == readAlsoKey):
			cur.end = off
			out = append(out, cur)
			cur = story{start: min(next, len(text))}
		case strings.HasPrefix(key, sourceKey) && strings.Contains(line, ":"):
			cur.source = strings.TrimSpace(line[strings.Index(line, ":")+1:])
			cur.end = min(next, len(text))
			out = append(out, cur)
			cur = story{start: min(next, len(text))}
		default:
			if cur.agency == "" {
				cur.agency = agencyIn(line)
			}
		}
		off = next
	}
	if cur.start < len(text) || len(out) == 0 {
		cur.end = len(text)
		out = append(out, cur)
	}
	return out
}

// agencyIn finds a credited agency in a line: the whole line is an agency
// name ("الأناضول"), or a dateline names one in brackets or between dashes
// at the start of a paragraph ("موسكو - (أ ف ب) -"، "بيروت - رويترز -").
func agencyIn(line string) string {
	clean := strings.TrimFunc(line, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
	if len(clean) <= 64 && agencySet[quotes.Fold(clean)] { // agency names are short
		return clean
	}
	head := line
	if len(head) > 120 {
		head = head[:120]
	}
	if i := strings.Index(head, "("); i >= 0 && i < 60 {
		if j := strings.Index(head[i:], ")"); j > 0 {
			inner := strings.TrimSpace(head[i+1 : i+j])
			before := strings.TrimSpace(head[:i])
			if agencySet[quotes.Fold(inner)] || strings.HasSuffix(before, "-") || strings.HasSuffix(before, "–") {
				if inner != "" && len([]rune(inner)) <= 20 {
					return inner
				}
			}
		}
	}
	for _, sep := range []string{" - ", " – "} {
		// The part between the first two separators: strings.SplitN(head,
		// sep, 3) without the slice.
		first, rest, ok := strings.Cut(head, sep)
		if !ok {
			continue
		}
		second, _, ok := strings.Cut(rest, sep)
		if ok && len([]rune(first)) <= 25 && agencySet[quotes.Fold(strings.TrimSpace(second))] {
			return strings.TrimSpace(second)
		}
	}
	return ""
}

// copyrightOwner reads the owner of a page's copyright line ("© 2000 -
// 2025 البوابة (www.albawaba.com)" → البوابة), or "".
func copyrightOwner(text string) string {
	i := strings.Index(text, "©")
	if i < 0 {
		return ""
	}
	line := text[i+len("©"):]
	if nl := strings.IndexByte(line, '\n'); nl >= 0 {
		line = line[:nl]
	}
	if p := strings.Index(line, "("); p >= 0 {
		line = line[:p]
	}
	// Drop the years and the "all rights reserved" tail.
	fields := strings.Fields(line)
	var kept []string
	for _, f := range fields {
		if f == "-" || f == "–" || strings.IndexFunc(f, unicode.IsDigit) >= 0 {
			if len(kept) > 0 && (f == "-" || f == "–") {
				break
			}
			continue
		}
		kept = append(kept, f)
	}
	return strings.Join(kept, " ")
}

// maxStory bounds the bytes of text attributed as one story. The longest
// article of the shared corpus is about 62 KB; a longer stretch with no
// story break (a 50 MB page on one line) is cut into pieces of at most
// this size, at a sentence end where one is near, so that the work per
// quote, which grows with the story, stays bounded.
const maxStory = 256 << 10

// capStories cuts every story longer than limit bytes into pieces of at
// most limit bytes, each ending after a sentence end (. ? ! ؟ or a line
// break) in its second half when there is one, else after a space, else
// on a rune boundary; never inside one of the quotations qs (in text
// order) when a cut outside them is possible. The pieces keep the story's
// source and agency.
func capStories(text string, sts []story, limit int, qs []quotes.Quote) []story {
	var out []story
	for _, st := range sts {
		for st.end-st.start > limit {
			cut := cutOutside(text, st.start, st.start+limit, qs)
			piece := st
			piece.end = cut
			out = append(out, piece)
			st.start = cut
		}
		out = append(out, st)
	}
	return out
}

// cutOutside is cutPoint moved back before a quotation it would fall
// inside, when that leaves a piece of at least half the limit.
func cutOutside(text string, from, max int, qs []quotes.Quote) int {
	cut := cutPoint(text, from, max)
	// qs is in text order and quotations do not overlap: only the last
	// one opening before the cut can hold it.
	i := sort.Search(len(qs), func(i int) bool { return qs[i].OpenAt >= cut })
	if i == 0 {
		return cut
	}
	q := qs[i-1]
	end := q.CloseAt
	if end < 0 {
		end = q.End
	}
	if cut <= end && q.OpenAt-from >= (max-from)/2 {
		return cutPoint(text, from, q.OpenAt+1) // before its opening mark
	}
	return cut // outside, or a quotation longer than half a piece: cut it
}

// cutPoint returns where to end a piece of text[from:max], max > from.
func cutPoint(text string, from, max int) int {
	half := from + (max-from)/2
	if i := strings.LastIndexAny(text[half:max], ".?!؟\n"); i >= 0 {
		_, n := utf8.DecodeRuneInString(text[half+i:])
		return half + i + n
	}
	if i := strings.LastIndexByte(text[half:max], ' '); i >= 0 {
		return half + i + 1
	}
	for max > from+1 && !utf8.RuneStart(text[max]) {
		max--
	}
	return max
}
