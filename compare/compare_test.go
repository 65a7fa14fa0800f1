package compare

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/isnad/isnad/attribution"
	"github.com/isnad/isnad/quotes"
)

var update = flag.Bool("update", false, "rewrite the golden reports under testdata/golden")

func sp(s string) *string { return &s }

func rec(id, article, outlet, published, speaker, quote string) attribution.Record {
	r := attribution.Record{ID: id, Article: article, Outlet: sp(outlet), Published: sp(published), Quote: quote, Kind: quotes.Direct}
	if speaker != "" {
		r.Speaker = sp(speaker)
	}
	return r
}

func TestChangeFlags(t *testing.T) {
	ref := "سننجز المرحلة الأولى من السد خلال 18 شهرا ولن نرفع الأسعار على الأسر"
	tests := []struct {
		name, version string
		want          []string
	}{
		{"identical", ref, []string{}},
		{"spelling and digit variants are not changes", "سننجز المرحلة الاولى من السد خلال ١٨ شهراً ولن نرفع الاسعار على الاسر", []string{}},
		{"changed number", "سننجز المرحلة الأولى من السد خلال 24 شهرا ولن نرفع الأسعار على الأسر", []string{ChangeNumber}},
		{"added negation", "لن سننجز المرحلة الأولى من السد خلال 18 شهرا ولن نرفع الأسعار على الأسر", []string{ChangeNegation}},
		{"removed negation", "سننجز المرحلة الأولى من السد خلال 18 شهرا و نرفع الأسعار على الأسر", []string{ChangeNegation}},
		{"dropped clause", "سننجز المرحلة الأولى من السد خلال 18 شهرا", []string{ChangeOmission}},
		{"added clause", ref + " وسنبني محطة تحلية جديدة في الجنوب", []string{ChangeAddition}},
		{"changed wording", "سنكمل المرحلة الأولى من السد خلال 18 شهرا ولن نرفع الأسعار على الأسر", []string{ChangeWording}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, v := newReference(words(ref)), words(tt.version)
			diff, sim, got := r.versus(v)
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("changes %v, want %v", got, tt.want)
			}
			// Copies skip the diff: they must come out as diffed.
			d, dw := wordDiff(r.ws, v)
			dsim, dgot := assess(r, v, d, dw)
			if !slices.Equal(diff, d) || sim != dsim || !slices.Equal(got, dgot) {
				t.Errorf("versus %v %v %v, diffed %v %v %v", diff, sim, got, d, dsim, dgot)
			}
		})
	}
}

func TestDiffShowsWordsAsWritten(t *testing.T) {
	r, v := words("الحكومة قادرة على تمويل المشروع"), words("الحكومة ليست قادرة على تمويل المشروع")
	d, _ := wordDiff(r, v)
	want := []Op{{"equal", "الحكومة"}, {"insert", "ليست"}, {"equal", "قادرة على تمويل المشروع"}}
	if len(d) != len(want) {
		t.Fatalf("diff %v", d)
	}
	for i := range want {
		if d[i] != want[i] {
			t.Errorf("op %d: %v, want %v", i, d[i], want[i])
		}
	}
}

func TestGrouping(t *testing.T) {
	long := "قررت الحكومة أن تطرح في الربع الأخير من العام الجاري سندات خضراء بقيمة مليار دولار لتمويل محطات الطاقة الشمسية في المحافظات الجنوبية وشبكات النقل الكهربائي التي تربطها بالمدن الكبرى"
	misdated := rec("k1", "K", "المدار", "2025-04-03", "نادر سليم", long)
	misdated.SaidOn = sp("2024-04-03")
	recs := []attribution.Record{
		// One statement, three outlets: a variant, a trimmed version.
		rec("a1", "A", "الأفق", "2025-03-12", "سامر الحداد", "سننجز المرحلة الأولى من سد الوادي خلال 18 شهرا ولن نرفع الأسعار"),
		rec("b1", "B", "الرصيف", "2025-03-13", "سامر الحداد", "سننجز المرحلة الأولى من سد الوادى خلال ١٨ شهراً ولن نرفع الأسعار"),
		rec("c1", "C", "المدار", "2025-03-12", "الحداد", "سننجز المرحلة الأولى من سد الوادي خلال 18 شهرا"),
		// Another statement of the same speaker the same day stays apart.
		rec("a2", "A", "الأفق", "2025-03-12", "سامر الحداد", "الحكومة قادرة على تمويل المشروع من مواردها الذاتية"),
		rec("b2", "B", "الرصيف", "2025-03-13", "سامر الحداد", "الحكومة ليست قادرة على تمويل المشروع من مواردها الذاتية"),
		// A partial quote of two words joins the version that holds it.
		rec("d1", "D", "الضفة", "2025-03-12", "سامر الحداد", "مواردها الذاتية"),
		// The same words from another speaker are another statement.
		rec("e1", "E", "الضفة", "2025-03-12", "ليلى منصور", "الحكومة قادرة على تمويل المشروع من مواردها الذاتية"),
		// Far apart in time: not the same statement.
		rec("f1", "F", "النبأ", "2024-01-01", "سامر الحداد", "سننجز المرحلة الأولى من سد الوادي خلال 18 شهرا ولن نرفع الأسعار"),
		// One announcement, where outlets name the minister or only his
		// post, one misreads the day it was said, and one quotes a phrase.
		rec("h1", "H", "الأفق", "2025-04-02", "نادر سليم", long),
		rec("i1", "I", "الرصيف", "2025-04-03", "وزير المالية", long),
		misdated,
		rec("j1", "J", "الضفة", "2025-04-04", "سليم", "سندات خضراء بقيمة مليار"),
		// Only one outlet: not reported.
		rec("g1", "G", "الأفق", "2025-05-01", "يوسف القاسمي", "لن نؤجل أي مباراة من مباريات الدوري"),
	}
	rep, err := Compare(context.Background(), recs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, st := range rep.Statements {
		got = append(got, strings.Join(quoteIDs(st), " "))
	}
	want := map[string]bool{"a1 c1 b1": true, "a2 d1 b2": true, "h1 i1 k1 j1": true}
	if len(got) != len(want) {
		t.Fatalf("statements %q", got)
	}
	for _, g := range got {
		if !want[g] {
			t.Errorf("unexpected statement %q (want reference first: earliest published, then longest)", g)
		}
	}
	// The same records in another order give the same report.
	reversed := make([]attribution.Record, len(recs))
	for i, r := range recs {
		reversed[len(recs)-1-i] = r
	}
	again, err := Compare(context.Background(), reversed, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var x, y bytes.Buffer
	if err := WriteJSON(&x, rep); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&y, again); err != nil {
		t.Fatal(err)
	}
	if x.String() != y.String() {
		t.Errorf("the report depends on the order of the records:\n%s\n%s", x.String(), y.String())
	}
	changed, _ := Compare(context.Background(), recs, Options{Changed: true})
	if len(changed.Statements) != 3 {
		t.Errorf("--changed kept %d statements", len(changed.Statements))
	}
	three, _ := Compare(context.Background(), recs, Options{MinOutlets: 3})
	if len(three.Statements) != 3 {
		t.Errorf("min 3 outlets kept %d statements", len(three.Statements))
	}
}

func TestHTMLEscapesEverything(t *testing.T) {
	recs := []attribution.Record{
		rec("a", "A", "<b>الأفق</b>", "2025-01-01", "<script>alert(1)</script>", "نص <script>alert(1)</script> طويل بما يكفي هنا"),
		rec("b", "B", "الرصيف", "2025-01-02", "<script>alert(1)</script>", "نص <script>alert(1)</script> طويل بما يكفي هنا أيضا"),
	}
	rep, _ := Compare(context.Background(), recs, Options{})
	var b bytes.Buffer
	if err := WriteHTML(&b, rep); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "<script>") || strings.Contains(b.String(), "<b>") {
		t.Errorf("unescaped markup in the page")
	}
	if !strings.Contains(b.String(), `<html dir="rtl" lang="ar">`) || strings.Contains(b.String(), "http") {
		t.Errorf("the page must be RTL and self-contained")
	}
}

// sampleRecords extracts and attributes the bundled sample corpus.
func sampleRecords(t *testing.T) []attribution.Record {
	f, err := os.Open(filepath.Join("..", "testdata", "sample", "articles.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []attribution.Record
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var a quotes.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		out = append(out, attribution.Attribute(&a, quotes.Extract(a.Text))...)
	}
	return out
}

func TestGoldenReports(t *testing.T) {
	rep, err := Compare(context.Background(), sampleRecords(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		format string
		write  func(*bytes.Buffer) error
	}{
		{"json", func(b *bytes.Buffer) error { return WriteJSON(b, rep) }},
		{"txt", func(b *bytes.Buffer) error { return WriteText(b, rep, false) }},
		{"md", func(b *bytes.Buffer) error { return WriteMarkdown(b, rep) }},
		{"html", func(b *bytes.Buffer) error { return WriteHTML(b, rep) }},
	} {
		t.Run(tt.format, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.write(&b); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("..", "testdata", "golden", "sample-compare."+tt.format)
			if *update {
				os.WriteFile(path, b.Bytes(), 0o644)
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("report differs from %s (run with -update after checking the change)", path)
			}
		})
	}
}

func FuzzWordDiff(f *testing.F) {
	f.Add("الحكومة قادرة", "الحكومة ليست قادرة")
	f.Add("\xff\xfe", "نص")
	f.Fuzz(func(t *testing.T, a, b string) {
		ra, rb := words(a), words(b)
		d, dw := wordDiff(ra, rb)
		// The equal and insert words rebuild the version; equal and
		// delete rebuild the reference.
		var ver, ref []string
		for _, o := range d {
			switch o.Op {
			case "equal":
				ver, ref = append(ver, o.Text), append(ref, o.Text)
			case "insert":
				ver = append(ver, o.Text)
			case "delete":
				ref = append(ref, o.Text)
			}
		}
		if len(strings.Fields(strings.Join(ver, " "))) != len(rb) || len(strings.Fields(strings.Join(ref, " "))) != len(ra) {
			t.Fatalf("diff does not rebuild the quotes: %v", d)
		}
		for i, o := range d {
			if o.Text != joinTexts(dw[i]) {
				t.Fatalf("op %d %q has words %v", i, o.Text, dw[i])
			}
		}
		assess(newReference(ra), rb, d, dw)
		newReference(ra).versus(rb)
	})
}

func TestUndatedVersionIsNeverTheReference(t *testing.T) {
	a := rec("a", "A", "الأفق", "2025-01-02", "سامر الحداد", "سننجز المرحلة الأولى من السد خلال عام")
	b := rec("b", "B", "الرصيف", "", "سامر الحداد", "سننجز المرحلة الأولى من السد خلال عام واحد فقط")
	b.Published = nil
	rep, _ := Compare(context.Background(), []attribution.Record{b, a}, Options{})
	if len(rep.Statements) != 1 || rep.Statements[0].Versions[0].QuoteID != "a" {
		t.Fatalf("reference %+v", rep.Statements)
	}
	if got := rep.WithOutlet("الرصيف"); len(got.Statements) != 1 {
		t.Errorf("WithOutlet kept %d", len(got.Statements))
	}
	if got := rep.WithOutlet("المدار"); len(got.Statements) != 0 {
		t.Errorf("WithOutlet kept %d", len(got.Statements))
	}
}

func TestNearest(t *testing.T) {
	// Posting lists hold item numbers sorted by publication day, unknown
	// days first.
	days := []int32{noDay, 10, 12, 13, 20, 40, noDay}
	tests := []struct {
		name    string
		posting []int
		day     int32
		horizon int32
		stop    int // visit returns false after this many; 0 = never
		want    []int
	}{
		{"nearest first, both sides", []int{1, 2, 3, 4}, 12, 28, 0, []int{2, 3, 1, 4}},
		{"beyond the horizon left out", []int{1, 2, 3, 4, 5}, 12, 8, 0, []int{2, 3, 1, 4}},
		{"unknown days first", []int{0, 1, 2, 3}, 13, 28, 0, []int{0, 3, 2, 1}},
		{"unknown day visits all in order", []int{0, 1, 2, 3, 4, 5}, noDay, 1, 0, []int{0, 1, 2, 3, 4, 5}},
		{"stops when told", []int{1, 2, 3, 4}, 12, 28, 2, []int{2, 3}},
		{"day past the end", []int{1, 2, 3}, 30, 28, 0, []int{3, 2, 1}},
		{"empty posting", nil, 12, 28, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []int
			unknown := 0
			for _, j := range tt.posting {
				if days[j] == noDay {
					unknown++
				}
			}
			nearest(tt.posting, unknown, days, tt.day, tt.horizon, func(j int) bool {
				got = append(got, j)
				return tt.stop == 0 || len(got) < tt.stop
			})
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("visited %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCommon(t *testing.T) {
	tests := []struct {
		name string
		a, b []uint32
		want int
	}{
		{"disjoint", []uint32{1, 3}, []uint32{2, 4}, 0},
		{"repeats counted as often as both have them", []uint32{1, 1, 1, 2}, []uint32{1, 1, 2, 2}, 3},
		{"one empty", nil, []uint32{1}, 0},
		{"identical", []uint32{1, 2, 3}, []uint32{1, 2, 3}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := common(tt.a, tt.b); got != tt.want {
				t.Errorf("common = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestUnknownPublicationDayProvesNothing(t *testing.T) {
	quote := "سننجز المرحلة الأولى من سد الوادي خلال 18 شهرا ولن نرفع الأسعار"
	old := rec("a", "A", "الأفق", "", "سامر الحداد", quote)
	old.Published, old.SaidOn = nil, sp("2020-01-01")
	recent := rec("b", "B", "الرصيف", "2025-03-12", "سامر الحداد", quote)
	rep, err := Compare(context.Background(), []attribution.Record{old, recent}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Statements) != 0 {
		t.Errorf("said five years apart, grouped: %+v", rep.Statements)
	}
}

// at places a record at [start, start+len(quote)) of its article.
func at(r attribution.Record, start int) attribution.Record {
	r.Start, r.End = start, start+len(r.Quote)
	return r
}

// quoteIDs lists the quotes of a statement's versions in order, the parts
// of a version that has several.
func quoteIDs(st Statement) []string {
	var ids []string
	for _, v := range st.Versions {
		if v.Parts == nil {
			ids = append(ids, v.QuoteID)
		}
		for _, p := range v.Parts {
			ids = append(ids, p.QuoteID)
		}
	}
	return ids
}

// sideBySide builds article A quoting one then another passage with
// between standing between them (marks and narrative), article B quoting
// the first alone and article C the second alone.
func sideBySide(speakerOne, one, speakerTwo, two, between string) []attribution.Record {
	return []attribution.Record{
		at(rec("a1", "A", "الأفق", "2025-03-12", speakerOne, one), 40),
		at(rec("a2", "A", "الأفق", "2025-03-12", speakerTwo, two), 40+len(one)+len(between)),
		at(rec("b1", "B", "الرصيف", "2025-03-12", speakerOne, one), 50),
		at(rec("c1", "C", "المدار", "2025-03-12", speakerTwo, two), 80),
	}
}

// cued gives the quotes of sideBySide their reporting words: one to the
// first quote and its copy, two to the second and its copy.
func cued(recs []attribution.Record, one, two string) []attribution.Record {
	for i := range recs {
		if recs[i].ID == "a1" || recs[i].ID == "b1" {
			recs[i].Cue = sp(one)
		} else {
			recs[i].Cue = sp(two)
		}
	}
	return recs
}

func TestNeighboursInOneArticle(t *testing.T) {
	first := "نعتقد أن الاتفاق سيصمد أمام كل الضغوط"
	second := "ويجب أن نحميه بسرعة من كل تراجع"
	const samer, layla = "سامر الحداد", "ليلى منصور"
	joined, apart := []string{"a1 a2 b1 c1"}, []string{"a1 b1", "a2 c1"}
	tests := []struct {
		name string
		recs []attribution.Record
		want []string // statements, their quote ids sorted
	}{
		{"one passage split in two by an outlet joins the outlets quoting either half",
			sideBySide(samer, first, samer, second, "». «"), joined},
		{"words of narrative between two quotes make two statements",
			sideBySide(samer, first, samer, second, "». وأضاف الحداد أن «"), apart},
		{"two speakers side by side stay apart",
			sideBySide(samer, first, layla, second, "». «"), apart},
		{"a word quoted from a passage goes with the passage's quote",
			sideBySide(samer, "سيصمد", samer, second, "» أمام الضغوط، قائلا: «"), joined},
		{"a figure in marks is not a word of the passage",
			sideBySide(samer, "33", samer, second, "» عاما، قائلا: «"), apart},
		{"the speaker's own name in marks is not a word of the passage",
			sideBySide(samer, "الحداد", samer, second, "» قائلا: «"), apart},
		{"a word after a passage under a reporting verb of its own is another statement",
			cued(sideBySide(samer, first, samer, "الراسخة", "»، مشيرا إلى رغبته «"), "وقال", "مشيرا"), apart},
		{"a word after a passage under the same verb is a word of it",
			cued(sideBySide(samer, first, samer, "حتما", "» و«"), "وقال", "وقال"), joined},
		{"a word before a passage that a saying participle carries on is a word of it",
			cued(sideBySide(samer, "سيصمد", samer, second, "» أمام الضغوط، قائلا: «"), "وأكد", "قائلا"), joined},
		{"a word before a passage under the dual verb قالا is another statement, though قالا folds like قائلا",
			cued(sideBySide(samer, "سيصمد", samer, second, "» أمام الضغوط، وقالا «"), "وأكد", "وقالا"), apart},
		{"a word before a passage under another verb is another statement",
			cued(sideBySide(samer, "سيصمد", samer, second, "» أمام الضغوط، وأضاف «"), "وأكد", "وأضاف"), apart},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Compare(context.Background(), tt.recs, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, st := range rep.Statements {
				ids := quoteIDs(st)
				slices.Sort(ids)
				got = append(got, strings.Join(ids, " "))
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("statements %q, want %q", got, tt.want)
			}
		})
	}
}

// TestSpeakersAgree: a phrase one outlet quotes joins the statement
// another outlet gives whole when their speakers agree.
func TestSpeakersAgree(t *testing.T) {
	recovering := [2]string{"كل الأمور على ما يرام", "كل شيء على ما يرام مع والدي، إنه يستريح الآن وصحتنا جيدة وسأغادر المستشفى قريبا جدا"}
	fishing := [2]string{"حقوق الصيادين في المياه الإقليمية", "لن نقبل بأي تسوية تمس حقوق الصيادين في المياه الإقليمية مهما طال التفاوض"}
	tests := []struct {
		name             string
		speaker, another string
		quotes           [2]string // the phrase, and the whole statement
		want             int       // statements
	}{
		{"a first name alone is the person named in full", "يوليا", "يوليا سكريبال", recovering, 1},
		{"another first name is another person", "فيكتوريا", "يوليا سكريبال", recovering, 0},
		{"a surname alone is matched as before", "سكريبال", "يوليا سكريبال", recovering, 1},
		{"a first name does not match a body", "يوليا", "وزارة الخارجية", recovering, 0},
		{"a country and its ministry", "اليابان", "وزارة الخارجية اليابانية", fishing, 1},
		{"a capital and its government's agency", "طوكيو", "وكالة الأنباء اليابانية", fishing, 1},
		{"a country and another country's ministry", "اليابان", "وزارة الخارجية الصينية", fishing, 0},
		{"a country and a person", "اليابان", "شينزو آبي", fishing, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs := []attribution.Record{
				rec("a1", "A", "الأفق", "2025-03-12", tt.speaker, tt.quotes[0]),
				rec("b1", "B", "الرصيف", "2025-03-12", tt.another, tt.quotes[1]),
			}
			rep, err := Compare(context.Background(), recs, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Statements) != tt.want {
				t.Errorf("%d statements, want %d", len(rep.Statements), tt.want)
			}
		})
	}
}

func TestNameVariantNoteInEveryFormat(t *testing.T) {
	recs := []attribution.Record{
		rec("a1", "A", "الأفق", "2025-03-12", "دونالد ترامب", "سنفرض رسوما جديدة على واردات الصلب خلال أسبوعين"),
		rec("b1", "B", "الرصيف", "2025-03-12", "دونالد ترمب", "سنفرض رسوما جديدة على واردات الصلب خلال أسبوعين"),
		rec("c1", "C", "المدار", "2025-03-12", "دونالد ترامب", "سنفرض رسوما جديدة على واردات الصلب"),
	}
	rep, err := Compare(context.Background(), recs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Statements) != 1 {
		t.Fatalf("%d statements", len(rep.Statements))
	}
	for _, f := range []struct {
		name  string
		write func(io.Writer, Report) error
		note  string
	}{
		{"text", func(w io.Writer, r Report) error { return WriteText(w, r, false) }, "as دونالد ترمب"},
		{"markdown", WriteMarkdown, "as دونالد ترمب"},
		{"html", WriteHTML, `as <span class="name">دونالد ترمب</span>`},
	} {
		t.Run(f.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := f.write(&b, rep); err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(b.String(), f.note); n != 1 {
				t.Errorf("the variant is noted %d times, want once:\n%s", n, b.String())
			}
			if strings.Contains(b.String(), "as دونالد ترامب") || strings.Contains(b.String(), `"name">دونالد ترامب`) {
				t.Errorf("the statement's own name is noted as a variant:\n%s", b.String())
			}
		})
	}
}

func TestPartsKeepTheArticlesOrder(t *testing.T) {
	const s = "سامر الحداد"
	one := "الاتفاق سيصمد أمام كل الضغوط الخارجية"
	two := "ويجب أن نحميه بسرعة من كل تراجع"
	tests := []struct {
		name      string
		first     string // the part B gives first
		second    string
		wantQuote string
		changed   bool
	}{
		{"a passage split in two reads as the reference", one, two, one + partsJoint + two, false},
		{"parts given the other way round show the move", two, one, two + partsJoint + one, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs := []attribution.Record{
				at(rec("a1", "A", "الأفق", "2025-03-11", s, one+" "+two), 40),
				at(rec("b1", "B", "الرصيف", "2025-03-12", s, tt.first), 40),
				at(rec("b2", "B", "الرصيف", "2025-03-12", s, tt.second), 40+len(tt.first)+len("». «")),
			}
			rep, err := Compare(context.Background(), recs, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Statements) != 1 || len(rep.Statements[0].Versions) != 2 {
				t.Fatalf("report %+v", rep)
			}
			v := rep.Statements[0].Versions[1]
			if v.Quote != tt.wantQuote || len(v.Parts) != 2 {
				t.Errorf("version %q with %d parts, want %q", v.Quote, len(v.Parts), tt.wantQuote)
			}
			if (len(v.Changes) > 0) != tt.changed {
				t.Errorf("changes %v (similarity %.2f), want changed=%v", v.Changes, v.Similarity, tt.changed)
			}
		})
	}
}

// TestWriteJSONAsEncodingJSON: the hand-written JSON is byte for byte
// what encoding/json writes, escapes, empty and nil slices included.
func TestWriteJSONAsEncodingJSON(t *testing.T) {
	odd := "«قال» \"x\" \\ <a&b> \t\n\r\b\f\x01\x1f\x7f \u2028\u2029 \xff\xfe end"
	reports := []Report{
		{},
		{Statements: []Statement{}},
		{Statements: []Statement{{ID: "1", Text: odd}}},
		{Statements: []Statement{
			{ID: "a", Speaker: odd, SaidOn: "2025-03-12", Text: "نص", Versions: []Version{
				{QuoteID: "q", Article: "A", Outlet: odd, Published: "2025-03-12", Quote: odd, Similarity: 1, Diff: []Op{}, Changes: []string{}},
				{QuoteID: "r", Credited: "وكالة", Speaker: "سامر", Quote: "x", Similarity: 0.667,
					Diff: []Op{{"equal", "a"}, {"delete", odd}}, Changes: []string{ChangeNumber, ChangeWording},
					Parts: []Part{{"p1", "x"}, {"p2", odd}}},
				{Similarity: 1e-7, Parts: []Part{}},
				{Similarity: 0},
				{Similarity: 1e21},
				{Similarity: 123456.789},
			}},
		}},
	}
	for i, r := range reports {
		var want, got bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
		if err := WriteJSON(&got, r); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("report %d:\n%s\nwant\n%s", i, got.Bytes(), want.Bytes())
		}
	}
}

// TestIsDigit: isDigit is unicode.IsDigit.
func TestIsDigit(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		if isDigit(r) != unicode.IsDigit(r) {
			t.Fatalf("isDigit(%U) = %v", r, isDigit(r))
		}
	}
}
