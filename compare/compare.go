// Package compare puts the versions of one statement side by side: it
// groups quotes from different articles that report the same words
// (spelling and digit variants, trimmed or extended quotes, one quoting a
// part of the other), picks the earliest as the reference, diffs every
// version against it word by word and flags what changed: numbers,
// negation, omitted or added clauses, wording. It is a pure library: the
// caller brings the records; it opens no database.
package compare

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/isnad/isnad/attribution"
	"github.com/isnad/isnad/quotes"
)

// Options tune grouping.
type Options struct {
	// MinOutlets is the fewest distinct outlets (articles when outlets are
	// unknown) a statement needs to be reported; default 2.
	MinOutlets int
	// Changed keeps only statements whose versions differ.
	Changed bool
	// Window is how far apart in days two versions may be said or
	// published; default 7.
	Window int
}

// Report is the compare-sources report of DESIGN.md §6.
type Report struct {
	Statements []Statement `json:"statements"`
}

// Statement is one statement and its versions, the reference first.
type Statement struct {
	ID       string    `json:"id"`
	Speaker  string    `json:"speaker"`
	SaidOn   string    `json:"said_on"`
	Text     string    `json:"text"`
	Versions []Version `json:"versions"`
}

// Version is how one article reported the statement.
type Version struct {
	QuoteID    string   `json:"quote_id"`
	Article    string   `json:"article"`
	Outlet     string   `json:"outlet"`
	Published  string   `json:"published"`
	Credited   string   `json:"credited,omitempty"`
	Speaker    string   `json:"speaker,omitempty"`
	Quote      string   `json:"quote"`
	Similarity float64  `json:"similarity"`
	Diff       []Op     `json:"diff"`
	Changes    []string `json:"changes"`
	// Parts lists the quotes of the article that make up the version, in
	// text order, when there are several; Quote joins them.
	Parts []Part `json:"parts,omitempty"`
}

// Part is one quote of an article's version.
type Part struct {
	QuoteID string `json:"quote_id"`
	Quote   string `json:"quote"`
}

// The change flags.
const (
	ChangeNumber   = "number"
	ChangeNegation = "negation"
	ChangeOmission = "omission"
	ChangeAddition = "addition"
	ChangeWording  = "wording"
)

// item is one quote being grouped. The fields related reads for every
// candidate pair come first, so that they share a cache line or two.
type item struct {
	ids   []uint32 // the word keys as vocabulary numbers, sorted, repeats kept
	ws    []word
	day   int32  // said_on, else published, as a day number; noDay when unknown
	pub   int32  // published as a day number, noDay when unknown
	art   int32  // the article's number
	spk   int32  // the speaker's number: equal speakers as written, equal numbers; 0 when none
	skey  string // speaker key, "" when unknown
	named bool   // the speaker is a person's name, not a role, body or description
	rec   attribution.Record
	parts []Part // the article's quotes when the item stands for several
	// members are the parts' items, in text order.
	members []*item
}

// minWords: shorter quotes (a word or two) are too common to group.
const minWords = 3

// maxPosting caps how many quotes one word may point to before it is too
// common to propose candidates (like difflib's autojunk).
const maxPosting = 200

// maxCandidates bounds how many other quotes one quote is tried against.
const maxCandidates = 64

// horizonWindows: candidates are looked for among quotes published within
// this many windows of the quote (the window applies to the day said, which
// may differ from the day published).
const horizonWindows = 2

// noDay stands for an unknown publication day.
const noDay = math.MinInt32

// dayNumber returns t as days since the Unix epoch, or noDay for the zero
// time.
func dayNumber(t time.Time) int32 {
	if t.IsZero() {
		return noDay
	}
	return int32(t.Unix() / 86400)
}

// nearest calls visit with the items of posting (sorted by day, the
// first known of them of unknown day) in order of distance from day:
// those of unknown day first, then the nearest on either side, up to
// horizon days away. It stops when visit returns false. An item of
// unknown day is near every day: then the posting is visited in order.
func nearest(posting []int, known int, days []int32, day, horizon int32, visit func(int) bool) {
	for _, j := range posting[:known] {
		if !visit(j) {
			return
		}
	}
	rest := posting[known:]
	if day == noDay {
		for _, j := range rest {
			if !visit(j) {
				return
			}
		}
		return
	}
	hi := sort.Search(len(rest), func(x int) bool { return days[rest[x]] >= day })
	lo := hi - 1
	for lo >= 0 || hi < len(rest) {
		dl, dh := int32(math.MaxInt32), int32(math.MaxInt32)
		if lo >= 0 {
			dl = day - days[rest[lo]]
		}
		if hi < len(rest) {
			dh = days[rest[hi]] - day
		}
		if min(dl, dh) > horizon {
			return
		}
		var j int
		if dl <= dh {
			j, lo = rest[lo], lo-1
		} else {
			j, hi = rest[hi], hi+1
		}
		if !visit(j) {
			return
		}
	}
}

// rareWords is how many of its rarest words propose a quote's candidates.
const rareWords = 6

// Compare groups the direct and partial quotes of recs into statements
// reported by several articles and diffs their versions. Candidate pairs
// come from an inverted index of the rarest words (common words skipped),
// tried nearest in publication time first and at most maxCandidates per
// quote, never from all pairs. A pair is kept when the words overlap
// enough (most of the shorter quote is in the longer one), the quotes were
// said, or both published, within the window, and the speakers agree: the
// same speaker, one unknown, a country or its capital and a body of that
// country (attribution.OneVoice), or two that are not both named people
// when the versions are close to whole copies. Quotes an article gives side by
// side join as parts of one statement (joinNeighbours), and each article's
// parts make one version. The result does not depend on the order of
// recs. It checks ctx between quotes.
func Compare(ctx context.Context, recs []attribution.Record, opts Options) (Report, error) {
	if opts.MinOutlets <= 0 {
		opts.MinOutlets = 2
	}
	if opts.Window <= 0 {
		opts.Window = 7
	}
	var items []*item
	vocab := map[string]uint32{} // word key → number
	var spelled []string         // number → word key
	spks := map[string]int32{}   // speaker as written → number, from 1
	for _, r := range recs {
		if !r.Kind.Attributed() {
			continue
		}
		ws := words(r.Quote)
		if len(ws) == 0 {
			continue
		}
		it := &item{rec: r, ws: ws, ids: make([]uint32, len(ws))}
		for x, w := range ws {
			id, ok := vocab[w.key]
			if !ok {
				id = uint32(len(vocab))
				vocab[w.key] = id
				spelled = append(spelled, w.key)
			}
			it.ids[x] = id
		}
		slices.Sort(it.ids)
		d := deref(r.SaidOn)
		if d == "" {
			d = deref(r.Published)
		}
		it.day = parseDay(d)
		it.pub = parseDay(deref(r.Published))
		if r.Speaker != nil {
			it.skey = attribution.SpeakerKey(*r.Speaker)
			it.named = attribution.LooksLikePerson(*r.Speaker)
			n, ok := spks[*r.Speaker]
			if !ok {
				n = int32(len(spks) + 1)
				spks[*r.Speaker] = n
			}
			it.spk = n
		}
		items = append(items, it)
	}
	// Items in order of publication (unknown first), so that every
	// posting list of the index is too.
	sort.Slice(items, func(a, b int) bool {
		x, y := items[a], items[b]
		if x.pub != y.pub {
			return x.pub < y.pub // noDay is the least
		}
		if x.rec.ID != y.rec.ID {
			return x.rec.ID < y.rec.ID
		}
		return x.rec.Article < y.rec.Article
	})
	// Inverted index: word number → items.
	index := make([][]int, len(vocab))
	unknown := make([]int, len(vocab)) // how many items of each posting have no publication day
	article := map[string]int32{}
	arts := make([]int32, len(items)) // article number of each item
	pubs := make([]int32, len(items)) // publication day number, noDay when unknown
	for i, it := range items {
		for x, k := range it.ids {
			if x == 0 || k != it.ids[x-1] {
				index[k] = append(index[k], i)
				if it.pub == noDay {
					unknown[k]++
				}
			}
		}
		a, ok := article[it.rec.Article]
		if !ok {
			a = int32(len(article))
			article[it.rec.Article] = a
		}
		it.art = a
		arts[i], pubs[i] = a, it.pub
	}
	horizon := int32(horizonWindows * opts.Window)
	uf := newUnionFind(len(items))
	agree := newAgreement()
	seen := make([]int, len(items)) // seen[j] == i+1: j already tried for i
	var rare []uint32
	for i, it := range items {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return Report{}, err
			}
		}
		// The rarest words of the quote propose its candidates: two
		// versions of one statement share most words, so they share some
		// of the rare ones; common words would propose everything.
		rare = rare[:0]
		for x, k := range it.ids {
			if n := len(index[k]); n >= 2 && n <= maxPosting && (x == 0 || k != it.ids[x-1]) {
				rare = append(rare, k)
			}
		}
		slices.SortFunc(rare, func(a, b uint32) int {
			if c := cmp.Compare(len(index[a]), len(index[b])); c != 0 {
				return c
			}
			return strings.Compare(spelled[a], spelled[b]) // numbers follow input order; words do not
		})
		if len(rare) > rareWords {
			rare = rare[:rareWords]
		}
		// Each word's quotes are tried nearest in time first, within the
		// horizon, and a quote tries at most maxCandidates others: the
		// work per quote is bounded, so the whole grows with the corpus,
		// not with its square.
		budget := maxCandidates
		try := func(j int) bool {
			if j == i || seen[j] == i+1 || arts[j] == arts[i] {
				return true
			}
			seen[j] = i + 1
			budget--
			if uf.find(i) != uf.find(j) && related(it, items[j], int32(opts.Window), agree) {
				uf.union(i, j)
			}
			return budget > 0
		}
		for _, k := range rare {
			nearest(index[k], unknown[k], pubs, pubs[i], horizon, try)
			if budget <= 0 {
				break
			}
		}
	}
	joinNeighbours(items, uf)
	groups := map[int][]*item{}
	for i, it := range items {
		root := uf.find(i)
		groups[root] = append(groups[root], it)
	}
	var rep Report
	for _, g := range groups {
		if st, ok := statement(g, opts); ok {
			rep.Statements = append(rep.Statements, st)
		}
	}
	sort.Slice(rep.Statements, func(i, j int) bool {
		a, b := rep.Statements[i], rep.Statements[j]
		if a.SaidOn != b.SaidOn {
			return a.SaidOn > b.SaidOn
		}
		return a.ID < b.ID
	})
	if rep.Statements == nil {
		rep.Statements = []Statement{}
	}
	return rep, nil
}

// WithOutlet keeps the statements that outlet reported.
func (r Report) WithOutlet(outlet string) Report {
	out := Report{Statements: []Statement{}}
	for _, st := range r.Statements {
		for _, v := range st.Versions {
			if v.Outlet == outlet {
				out.Statements = append(out.Statements, st)
				break
			}
		}
	}
	return out
}

// related decides whether two quotes are versions of one statement;
// agree answers whether their speakers are the same.
func related(a, b *item, window int32, agree *agreement) bool {
	if a.art == b.art {
		return false // the same words twice in one article are not two versions
	}
	// Said within the window, or both published within it: a misread
	// said_on in one article must not hide a statement both carried that
	// week. An unknown publication day proves nothing.
	if !near(a.day, b.day, window) && (a.pub == noDay || b.pub == noDay || !near(a.pub, b.pub, window)) {
		return false
	}
	shared := common(a.ids, b.ids)
	short := min(len(a.ws), len(b.ws))
	long := max(len(a.ws), len(b.ws))
	same := func() bool { return agree.same(a, b) }
	if short < minWords {
		// A word or two quoted from a statement (partial quotes) joins a
		// version that holds them all, when both name the same speaker.
		return shared == short && same()
	}
	// Most of the shorter quote is inside the longer one (a trimmed or
	// partial version); for two long quotes, a good part of both. A
	// phrase quoted from a long statement is let in on its words alone
	// when both name the same speaker.
	if shared < minShared || float64(shared) < shareShort*float64(short) {
		return false
	}
	if float64(shared) < shareLong*float64(long) && (float64(shared) < sharePhrase*float64(short) || !same()) {
		return false
	}
	// The speakers agree: the same one, or one of them unknown. Outlets
	// differ on "the ministry", "a spokesman" and the minister's name for
	// one statement, so two speakers that are not both named people agree
	// when the two versions are close to whole copies of each other.
	if a.skey == "" || b.skey == "" || same() {
		return true
	}
	return !(a.named && b.named) && short >= minWhole && float64(shared) >= shareWhole*float64(long)
}

// sameSpeaker reports whether a and b name the same speaker: a's is
// known and the key is the same, the names are spellings of one person,
// one is the other's first name, or they are one voice of a country
// (attribution.OneVoice).
func sameSpeaker(a, b *item) bool {
	return a.skey != "" && (a.skey == b.skey || attribution.SameSpeaker(deref(a.rec.Speaker), deref(b.rec.Speaker)) || firstNameOf(a, b) || firstNameOf(b, a) || attribution.OneVoice(deref(a.rec.Speaker), deref(b.rec.Speaker)))
}

// agreement remembers sameSpeaker for each ordered pair of speakers: it
// depends on the speakers as written alone, and a dense corpus asks about
// the same few pairs again and again.
type agreement struct {
	memo map[uint64]bool // a's speaker number << 32 | b's → sameSpeaker
}

func newAgreement() *agreement {
	return &agreement{memo: map[uint64]bool{}}
}

// same is sameSpeaker(a, b), computed once for each pair of speakers.
func (g *agreement) same(a, b *item) bool {
	if a.skey == "" {
		return false
	}
	if a.spk == b.spk || a.skey == b.skey {
		return true
	}
	k := uint64(uint32(a.spk))<<32 | uint64(uint32(b.spk))
	v, ok := g.memo[k]
	if !ok {
		v = sameSpeaker(a, b)
		g.memo[k] = v
	}
	return v
}

// firstNameOf reports whether a's speaker is one word that opens b's
// speaker, a person's name of two words or more: an article that calls
// her يوليا and another that gives يوليا سكريبال.
func firstNameOf(a, b *item) bool {
	if !b.named || strings.Contains(a.skey, " ") {
		return false
	}
	first, _, more := strings.Cut(b.skey, " ")
	return more && first == a.skey
}

// common counts the words two sorted word lists share, repeats counted as
// often as both have them.
func common(a, b []uint32) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// near reports whether two day numbers are within window days of each
// other; an unknown day is near every day.
func near(a, b, window int32) bool {
	if a == noDay || b == noDay {
		return true
	}
	d := a - b
	if d < 0 {
		d = -d
	}
	return d <= window
}

// parseDay returns the day number of a YYYY-MM-DD date, noDay when it is
// empty or not a date.
func parseDay(s string) int32 {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return noDay
	}
	return dayNumber(t)
}

// Two quotes of one article are parts of one statement when they follow
// each other, have the same speaker and
//   - at most splitGap bytes lie between them: a closing mark, a stop or a
//     comma and the next opening mark, so the outlet split one passage in
//     two («…». «و…») while another outlet quotes it whole or in other
//     words; or
//   - one of them is a single word and at most wordGap bytes (a few words)
//     lie between: a word quoted from the passage the next quote gives
//     ("فهم" … "سريعا"، قائلا: "…"), which other outlets quote on its own.
//
// A longer quote after a few words of narrative («…» وأضاف «…») is a new
// statement: outlets quote such sentences one without the other.
const (
	splitGap = 8
	wordGap  = 100
)

// joinNeighbours joins the neighbouring quotes of each article that are
// parts of one statement. Byte gaps stand in for the text between, which
// records do not carry; Start and End are byte offsets (DESIGN.md §6).
func joinNeighbours(items []*item, uf *unionFind) {
	byArticle := map[string][]int{}
	for i, it := range items {
		byArticle[it.rec.Article] = append(byArticle[it.rec.Article], i)
	}
	for _, list := range byArticle {
		sort.Slice(list, func(x, y int) bool {
			a, b := items[list[x]].rec, items[list[y]].rec
			if a.Start != b.Start {
				return a.Start < b.Start
			}
			return a.ID < b.ID
		})
		// gap returns the bytes between the quotes x-1 and x when they
		// have the same speaker, else -1.
		gap := func(x int) int {
			if x <= 0 || x >= len(list) {
				return -1
			}
			a, b := items[list[x-1]], items[list[x]]
			// Records without offsets (End == Start) have no neighbours.
			if a.skey == "" || a.skey != b.skey || a.rec.End <= a.rec.Start || b.rec.End <= b.rec.Start || b.rec.Start < a.rec.End {
				return -1
			}
			return b.rec.Start - a.rec.End
		}
		for x := range list {
			it := items[list[x]]
			if len(it.ws) >= minWords {
				if g := gap(x); g >= 0 && g <= splitGap && len(items[list[x-1]].ws) >= minWords {
					uf.union(list[x-1], list[x])
				}
				continue
			}
			if len(it.ws) != 1 || !wordOfSpeech(it) {
				continue
			}
			// A single word goes with the nearer of its neighbours that
			// is a whole clause.
			best, bestGap := -1, wordGap+1
			if g := gap(x); g >= 0 && g < bestGap && len(items[list[x-1]].ws) >= minWords && oneAct(items[list[x-1]], it) {
				best, bestGap = x-1, g
			}
			if g := gap(x + 1); g >= 0 && g < bestGap && len(items[list[x+1]].ws) >= minWords && oneAct(it, items[list[x+1]]) {
				best = x + 1
			}
			if best >= 0 {
				uf.union(list[best], list[x])
			}
		}
	}
}

// oneAct reports whether the quote b, which follows a, belongs to a's act
// of reporting: it is credited to the same reporting word, or to a
// "saying" participle that carries a's verb on (وأشار إلى "…" … قائلا
// "…"). A word after a passage under a reporting word of its own is
// another statement («…»، لافتة إلى رغبته "الثابتة»).
func oneAct(a, b *item) bool {
	ca, cb := cueKey(a), cueKey(b)
	return ca == "" || cb == "" || ca == cb || sayingHal(deref(b.rec.Cue))
}

// sayingHal reports whether a cue, as written, is a participle of قال
// that continues the verb before it. It reads the raw cue: folded, قائلا
// is the dual verb قالا (وقالا في بيان), which opens an act of its own.
func sayingHal(cue string) bool {
	c := strings.Map(func(r rune) rune {
		if r >= 0x064B && r <= 0x0652 || r == 'ـ' {
			return -1 // harakat and tatweel
		}
		return r
	}, cue)
	c = strings.TrimPrefix(strings.TrimPrefix(c, "و"), "ف")
	switch c {
	case "قائلا", "قائلة", "قائلين", "قائلتين", "قائلات":
		return true
	}
	return false
}

// cueKey is the folded reporting word of a quote without its conjunction,
// "" when it has none.
func cueKey(it *item) string {
	k := quotes.Fold(deref(it.rec.Cue))
	if r, ok := strings.CutPrefix(k, "و"); ok && len(r) > 2*len("و") {
		k = r
	}
	if r, ok := strings.CutPrefix(k, "ف"); ok && len(r) > 2*len("ف") {
		k = r
	}
	return k
}

// wordOfSpeech reports whether a one-word quote can be a word taken from
// speech: a figure alone, or a word of the speaker's own name, is a name
// or a number put in marks, not words of the statement.
func wordOfSpeech(it *item) bool {
	k := it.ws[0].key
	if strings.IndexFunc(k, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
		return false
	}
	sk := attribution.SpeakerKey(it.ws[0].text)
	return sk != "" && !slices.Contains(strings.Fields(it.skey), sk)
}

// The overlap a pair of quotes needs, tuned on the dev same-event groups.
var (
	minShared  = 2
	shareShort = 0.5
	shareLong  = 0.2
	// sharePhrase: a phrase quoted from a longer statement of the same
	// speaker joins it when this much of the phrase is in it.
	sharePhrase = 0.75
	// minWhole and shareWhole: two versions are whole copies of each other
	// when both have minWhole words and they share this much of the longer.
	minWhole   = 5
	shareWhole = 0.6
)

// statement builds the report entry of one group, or reports false when
// too few outlets carry it.
func statement(g []*item, opts Options) (Statement, bool) {
	outlets := map[string]bool{}
	for _, it := range g {
		o := deref(it.rec.Outlet)
		if o == "" {
			o = "article:" + it.rec.Article
		}
		outlets[o] = true
	}
	if len(outlets) < opts.MinOutlets {
		return Statement{}, false
	}
	g = byArticle(g)
	// The reference: the earliest published, ties the longest.
	sort.SliceStable(g, func(i, j int) bool {
		pi, pj := deref(g[i].rec.Published), deref(g[j].rec.Published)
		if (pi == "") != (pj == "") {
			return pj == "" // an undated copy is never the reference
		}
		if pi != pj {
			return pi < pj
		}
		if len(g[i].ws) != len(g[j].ws) {
			return len(g[i].ws) > len(g[j].ws)
		}
		return g[i].rec.ID < g[j].rec.ID
	})
	ref := newReference(g[0].ws)
	st := Statement{Speaker: speakerOf(g), SaidOn: deref(g[0].rec.SaidOn), Text: g[0].rec.Quote}
	h := sha256.New()
	changed := false
	for _, it := range g {
		v := Version{
			QuoteID: it.rec.ID, Article: it.rec.Article, Outlet: deref(it.rec.Outlet), Published: deref(it.rec.Published),
			Credited: deref(it.rec.Credited), Speaker: deref(it.rec.Speaker), Quote: it.rec.Quote, Parts: it.parts,
		}
		if it.parts == nil {
			h.Write([]byte(it.rec.ID))
		}
		for _, p := range it.parts {
			h.Write([]byte(p.QuoteID))
		}
		v.Diff, v.Similarity, v.Changes = ref.versus(it.ws)
		if len(v.Changes) > 0 {
			changed = true
		}
		st.Versions = append(st.Versions, v)
	}
	if opts.Changed && !changed {
		return Statement{}, false
	}
	st.ID = hex.EncodeToString(h.Sum(nil))[:16]
	return st, true
}

// partsJoint stands between the parts of one article's version.
const partsJoint = " … "

// byArticle makes one item of the quotes each article gives of a
// statement, so that its version is diffed whole against the reference;
// join then joins the parts in text order.
func byArticle(g []*item) []*item {
	arts := map[string][]*item{}
	var order []string
	for _, it := range g {
		if arts[it.rec.Article] == nil {
			order = append(order, it.rec.Article)
		}
		arts[it.rec.Article] = append(arts[it.rec.Article], it)
	}
	if len(order) == len(g) {
		return g
	}
	out := make([]*item, 0, len(order))
	for _, a := range order {
		ps := arts[a]
		if len(ps) == 1 {
			out = append(out, ps[0])
			continue
		}
		sort.Slice(ps, func(i, j int) bool {
			if ps[i].rec.Start != ps[j].rec.Start {
				return ps[i].rec.Start < ps[j].rec.Start
			}
			return ps[i].rec.ID < ps[j].rec.ID
		})
		merged := *ps[0]
		merged.members = ps
		for _, p := range ps {
			merged.parts = append(merged.parts, Part{QuoteID: p.rec.ID, Quote: p.rec.Quote})
		}
		merged.join()
		out = append(out, &merged)
	}
	return out
}

// join sets the text of an item that stands for several quotes of one
// article: the parts joined by partsJoint in the order the article gives
// them, so a version that moves words around shows it. A part whose words
// are all in another part (a phrase of the lede quoted again in full
// below) is listed in parts but not repeated in the text.
func (it *item) join() {
	ps := it.members
	var texts []string
	for i, p := range ps {
		inside := false
		for j, q := range ps {
			if j != i && common(p.ids, q.ids) == len(p.ids) && (len(p.ids) < len(q.ids) || j < i) {
				inside = true
				break
			}
		}
		if !inside {
			texts = append(texts, p.rec.Quote)
		}
	}
	it.rec.Quote = strings.Join(texts, partsJoint)
	it.ws = words(it.rec.Quote)
	it.ids = nil // grouping is over; the parts keep theirs
}

// speakerOf names a group's speaker: the name most versions give.
func speakerOf(g []*item) string {
	count := map[string]int{}
	best := ""
	for _, it := range g {
		s := deref(it.rec.Speaker)
		if s == "" {
			continue
		}
		count[s]++
		if count[s] > count[best] || count[s] == count[best] && len(s) > len(best) {
			best = s
		}
	}
	return best
}

// negations are the words that turn a statement around (DESIGN.md issue
// #5): لا، لم، لن، ليس and its forms، غير، ما.
var negations = map[string]bool{}

func init() {
	for _, w := range []string{"لا", "لم", "لن", "ليس", "ليست", "ليسوا", "لست", "لسنا", "غير", "ما", "ولا", "ولم", "ولن", "وليس", "وما"} {
		negations[strings.Join(strings.Fields(quotes.Key(w)), "")] = true
	}
}

// reference is the version of a statement the others are diffed
// against.
type reference struct {
	ws   []word
	nums []string // numbers(ws)
}

func newReference(ws []word) *reference {
	return &reference{ws: ws, nums: numbers(ws)}
}

// versus diffs a version against the reference, scores it and flags what
// changed. A version with the reference's words (as keys) is all equal
// and unchanged, and is not diffed: most versions of a statement are
// copies.
func (r *reference) versus(ver []word) ([]Op, float64, []string) {
	if len(ver) > 0 && slices.EqualFunc(r.ws, ver, func(a, b word) bool { return a.key == b.key }) {
		return []Op{{Op: "equal", Text: joinTexts(ver)}}, 1, []string{}
	}
	diff, opWords := wordDiff(r.ws, ver)
	sim, changes := assess(r, ver, diff, opWords)
	return diff, sim, changes
}

// assess scores a version against the reference and flags what changed;
// diff and opWords are wordDiff's.
func assess(ref *reference, ver []word, diff []Op, opWords [][]word) (float64, []string) {
	var changes []string
	if !sameNumbers(ref.nums, numbers(ver)) {
		changes = append(changes, ChangeNumber)
	}
	// A negation added or removed in place, not one that went with a
	// whole omitted or added clause.
	negDel, negIns := 0, 0
	for i, d := range diff {
		if ws := opWords[i]; len(ws) < 3 {
			for _, w := range ws {
				if negations[w.key] {
					if d.Op == "delete" {
						negDel++
					} else if d.Op == "insert" {
						negIns++
					}
				}
			}
		}
	}
	if negDel != negIns {
		changes = append(changes, ChangeNegation)
	}
	deleted, inserted, equal := 0, 0, 0
	omission, addition, other := false, false, false
	for i, d := range diff {
		n := len(opWords[i])
		switch d.Op {
		case "equal":
			equal += n
		case "delete":
			deleted += n
			if n >= 3 {
				omission = true
			} else {
				other = true
			}
		case "insert":
			inserted += n
			if n >= 3 {
				addition = true
			} else {
				other = true
			}
		}
	}
	if omission {
		changes = append(changes, ChangeOmission)
	}
	if addition {
		changes = append(changes, ChangeAddition)
	}
	// Small substitutions not explained by a figure or a negation.
	if other && !contains(changes, ChangeNumber) && !contains(changes, ChangeNegation) {
		changes = append(changes, ChangeWording)
	}
	total := max(len(ref.ws), len(ver))
	sim := 1.0
	if total > 0 {
		sim = float64(equal) / float64(total)
	}
	if changes == nil {
		changes = []string{}
	}
	return float64(int(sim*1000+0.5)) / 1000, changes
}

func contains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

// sameNumbers compares the figures of two quotes (numbers' results),
// whatever their digits (34 and ٣٤ are the same number: keys fold digits).
func sameNumbers(na, nb []string) bool {
	if len(na) != len(nb) {
		return len(na) == 0 || len(nb) == 0 // a figure dropped with its clause is an omission
	}
	for i := range na {
		if na[i] != nb[i] {
			return false
		}
	}
	return true
}

// numbers lists the digits of each word that has some, sorted.
func numbers(ws []word) []string {
	var out []string
	for _, w := range ws {
		var b strings.Builder
		for _, r := range w.key {
			if isDigit(r) {
				b.WriteRune(r)
			}
		}
		if b.Len() > 0 {
			out = append(out, b.String())
		}
	}
	sort.Strings(out)
	return out
}

// isDigit is unicode.IsDigit, answered without the tables below U+0660
// (ARABIC-INDIC DIGIT ZERO), where the only digits are ASCII ones: keys
// are mostly Arabic letters.
func isDigit(r rune) bool {
	if r < 0x0660 {
		return '0' <= r && r <= '9'
	}
	return unicode.IsDigit(r)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// unionFind joins quotes into groups.
type unionFind struct{ parent []int }

func newUnionFind(n int) *unionFind {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	return &unionFind{p}
}

func (u *unionFind) find(i int) int {
	for u.parent[i] != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = u.parent[i]
	}
	return i
}

func (u *unionFind) union(a, b int) {
	ra, rb := u.find(a), u.find(b)
	if ra != rb {
		u.parent[rb] = ra
	}
}
