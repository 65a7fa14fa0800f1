package quotes

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// span is what a test expects of one quote: its text and kind.
type want struct {
	text string
	kind Kind
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"ASCII quotes after a colon",
			`وقال الوزير: "سنبني ثلاثة مستشفيات جديدة هذا العام".`,
			[]want{{"سنبني ثلاثة مستشفيات جديدة هذا العام", Direct}}},
		{"a short quote after a colon, even after a naming verb",
			`وقال رجل يدعى سامي: "رأينا الدخان من بعيد".`,
			[]want{{"رأينا الدخان من بعيد", Direct}}},
		{"curly quotes",
			"وأضاف: “نحن مستعدون للحوار في أي وقت”.",
			[]want{{"نحن مستعدون للحوار في أي وقت", Direct}}},
		{"reversed curly quotes typed right to left",
			"وقال المدير: ”الموسم المقبل سيكون أفضل بكثير“ ثم غادر.",
			[]want{{"الموسم المقبل سيكون أفضل بكثير", Direct}}},
		{"guillemets",
			"وأكدت الوزيرة: «لن نتراجع عن القرار مهما كانت الضغوط».",
			[]want{{"لن نتراجع عن القرار مهما كانت الضغوط", Direct}}},
		{"reversed guillemets",
			"وقال القاسمي: »لن نؤجل أي مباراة من مباريات الدوري«.",
			[]want{{"لن نؤجل أي مباراة من مباريات الدوري", Direct}}},
		{"same guillemet glyph twice",
			"وقال قيادي لـ»المدينة»: إن القوات تقدمت.",
			[]want{{"المدينة", Other}}},
		{"low-high quotes",
			"وقال رئيس اللجنة إن العروض „تجاوزت التوقعات من حيث الجودة والجرأة“.",
			[]want{{"تجاوزت التوقعات من حيث الجودة والجرأة", Partial}}},
		{"single curly quotes",
			"ووصف الناقد العرض بأنه ‘أجمل ما رأيت’، ثم غادر.",
			[]want{{"أجمل ما رأيت", Partial}}},
		{"ASCII quote nested in guillemets is part of the outer span",
			`وقالت المخرجة: «عندما كتبت "بيت الريح" كنت أفكر في مدينتي».`,
			[]want{{`عندما كتبت "بيت الريح" كنت أفكر في مدينتي`, Direct}}},
		{"ASCII inside ASCII decided by context",
			`وأضافت: "سأل أحد الممثلين: "هل العرض عن الحرب؟" فقلت إنه عن الذاكرة".`,
			[]want{{`سأل أحد الممثلين: "هل العرض عن الحرب؟" فقلت إنه عن الذاكرة`, Direct}}},
		{"ASCII opener closed by a curly mark",
			`وقال اللاعب إن الفريق غاب "28” سنة عن البطولة.`,
			[]want{{"28", Other}}},
		{"unclosed quote ends at its paragraph",
			"وقال الوزير: “أعتقد أن النتائج مهمة ومفيدة.\nوأشار إلى أن المفاوضات مستمرة.",
			[]want{{"أعتقد أن النتائج مهمة ومفيدة.", Direct}}},
		{"quote continued into a paragraph that opens with a mark",
			"وقالت المتحدثة: «نستهدف تطعيم مليوني شخص قبل نهاية العام.\n«وستصل الفرق إلى القرى البعيدة خلال أسبوع».",
			[]want{{"نستهدف تطعيم مليوني شخص قبل نهاية العام.", Direct}, {"وستصل الفرق إلى القرى البعيدة خلال أسبوع", Direct}}},
		{"stray closing mark with no speech before it is skipped",
			"انتهت المباراة بالتعادل\" وسط حضور جماهيري كبير.",
			nil},
		{"missing opening mark recovered after the complementizer",
			`وأوضح المرصد ان من بين القتلى سبعة اطفال في غارات على بلدات عدة" مجاورة للحدود.`,
			[]want{{"من بين القتلى سبعة اطفال في غارات على بلدات عدة", Direct}}},
		{"unclosed quote ends where the narrator speaks again",
			"وقالت المنظمة إن الدول ستستفيد لأن “المشاركين سيلغون الرسوم الجمركية. ورأى المدير أن “إلغاء الرسوم سيكون له تأثير هائل”.",
			[]want{{"المشاركين سيلغون الرسوم الجمركية.", Direct}, {"إلغاء الرسوم سيكون له تأثير هائل", Direct}}},
		{"unclosed quote ends where the narrator speaks again with a colon",
			`قال الوزير "الوضع خطير جدا في المنطقة. وقال: "سنتحرك قريبا جدا" وأضاف أن الحل قريب.`,
			[]want{{"الوضع خطير جدا في المنطقة.", Direct}, {"سنتحرك قريبا جدا", Direct}}},
		{"name after a naming noun is other",
			`وقال مقدم برنامج "ستون دقيقة" إن القناة حصلت على التسجيل.`,
			[]want{{"ستون دقيقة", Other}}},
		{"a clause after في كلمة is what the speech said",
			`وقال الرئيس في كلمة "سنبقى في الاتفاق ما دام يخدم مصالحنا الوطنية".`,
			[]want{{"سنبقى في الاتفاق ما دام يخدم مصالحنا الوطنية", Direct}}},
		{"a clause after a definite naming noun is speech",
			`وقالت الوكالة "إن الحكومة ستعلن خطة جديدة للإصلاح خلال أيام".`,
			[]want{{"إن الحكومة ستعلن خطة جديدة للإصلاح خلال أيام", Direct}}},
		{"a clause after في كلمة في التلفزيون is speech",
			`وقال الرئيس في كلمة في التلفزيون "سنبقى في الاتفاق ما دام يخدم مصالحنا".`,
			[]want{{"سنبقى في الاتفاق ما دام يخدم مصالحنا", Direct}}},
		{"a clause after a definite naming noun in reported speech is speech",
			`وقال مسؤول إن الشركة "زورت سجلات الإنتاج وسجلات فحص المنتج" لسنوات.`,
			[]want{{"زورت سجلات الإنتاج وسجلات فحص المنتج", Partial}}},
		{"a name after a definite naming noun with no reporting verb stays a name",
			`وانتهت أمس العملية "درع الشمال في جنوب البلاد" بعد أسبوعين.`,
			[]want{{"درع الشمال في جنوب البلاد", Other}}},
		{"the word كلمة before a term is a name",
			`وكرر الوزير كلمة "الاستقرار" مرات عدة.`,
			[]want{{"الاستقرار", Other}}},
		{"a long title after كلمة with no preposition stays a name",
			`ألقى الوزير كلمة "نحو مستقبل أفضل لكل المواطنين في البلاد" أمام الطلاب.`,
			[]want{{"نحو مستقبل أفضل لكل المواطنين في البلاد", Other}}},
		{"a company in marks between a reporting verb and أن is the subject",
			`وأعلنت "نخيل للطيران" أن رحلاتها إلى المدينة تعود الأسبوع المقبل.`,
			[]want{{"نخيل للطيران", Other}}},
		{"a company in marks before في بيان is the subject",
			`وقالت "مطاحن الشمال" في بيان إنها رفعت إنتاجها.`,
			[]want{{"مطاحن الشمال", Other}}},
		{"a word quoted between a reporting verb and its object stays speech",
			`وقال "لا" للمقترح الجديد.`,
			[]want{{"لا", Partial}}},
		{"a stadium's name is a name",
			`وقال المدرب إن المباراة تقام على ملعب "الوادي الأخضر" مساء الجمعة.`,
			[]want{{"الوادي الأخضر", Other}}},
		{"a missile's name is a name",
			`وأعلن الجيش اعتراض صاروخ "نجم 3" فوق البحر.`,
			[]want{{"نجم 3", Other}}},
		{"a definite noun of things before a predicate is no name",
			`وقال الوزير إن الطائرات "جاهزة تماما" للمهمة.`,
			[]want{{"جاهزة تماما", Partial}}},
		{"لل before a noun of things is the article",
			`وأكدت الطبيبة أن الآثار الجانبية للقاح "خفيفة وعابرة".`,
			[]want{{"خفيفة وعابرة", Partial}}},
		{"a noun of places a few words back names nothing",
			`وقال أحد سكان قرية الوادي الأكثر تضررا "كانت ليلة طويلة".`,
			[]want{{"كانت ليلة طويلة", Partial}}},
		{"a short quote after an outlet and a colon is speech",
			`وقال متحدث باسم الدفاع المدني لوكالة الأنباء المحلية: "الوضع تحت السيطرة".`,
			[]want{{"الوضع تحت السيطرة", Direct}}},
		{"a headline after a paper's name and a colon with no reporting verb is a name",
			`رابط الخبر بصحيفة الأفق: "الهيئة" تعلن نتائج المسابقة.`,
			[]want{{"الهيئة", Other}}},
		{"a short title after بعنوان and a colon is a name",
			`وأطلقت الجمعية حملة بعنوان: "بيتنا أجمل".`,
			[]want{{"بيتنا أجمل", Other}}},
		{"an outlet in marks after a reporting verb and ل is who heard it",
			`وقال لـ"الأفق" مسؤول في الوزارة إن "الأسعار ستنخفض قريبا جدا".`,
			[]want{{"الأفق", Other}, {"الأسعار ستنخفض قريبا جدا", Direct}}},
		{"an outlet in marks after في حديث لـ is who heard it",
			`وأشار في حديثه لـ"الأفق" إلى أن الأسعار مستقرة.`,
			[]want{{"الأفق", Other}}},
		{"a short span after a person noun where nobody reports is a name",
			`وكانت الفنانة "ليلى منصور" قالت إنها سعيدة بالجائزة.`,
			[]want{{"ليلى منصور", Other}}},
		{"after آل the person noun is a family's name",
			`وانتقد آل الشيخ "الظلم التحكيمي" في المباريات.`,
			[]want{{"الظلم التحكيمي", Partial}}},
		{"known platform is other",
			`وكتب الوزير على "تويتر" أن الاجتماع انتهى.`,
			[]want{{"تويتر", Other}}},
		{"outlet before a colon is other",
			`وقال عدد من الأهالي لـ"الأفق": "فرحة العيد هذا العام باهتة".`,
			[]want{{"الأفق", Other}, {"فرحة العيد هذا العام باهتة", Direct}}},
		{"partial quote woven into indirect speech",
			`وأكد الوزير أن صحة المريض "تتحسن بسرعة" بعد العلاج.`,
			[]want{{"تتحسن بسرعة", Partial}}},
		{"partial after an evaluative verb",
			`ولا يشير القرار إلى دور طهران الذي يعتبره "مزعزعا للاستقرار" في المنطقة.`,
			[]want{{"مزعزعا للاستقرار", Partial}}},
		{"conjunction joins two partials",
			`وتنفي موسكو أي ضلوع منددة بـ"استفزاز" و"حملة معادية" ضدها.`,
			[]want{{"استفزاز", Partial}, {"حملة معادية", Partial}}},
		{"scare quotes with no speech are other",
			`يتباهى المشجعون بلقب "العالمي" منذ سنوات "عجاف" طويلة.`,
			[]want{{"العالمي", Other}, {"عجاف", Other}}},
		{"speech verb after the quote",
			`"نستهدف تطعيم مليون شخص قبل نهاية العام"، قالت المتحدثة.`,
			[]want{{"نستهدف تطعيم مليون شخص قبل نهاية العام", Direct}}},
		{"relayed quote",
			`نقلت وكالة النبأ عن رئيس الاتحاد قوله "لن نؤجل أي مباراة".`,
			[]want{{"لن نؤجل أي مباراة", Direct}}},
		{"empty quotes are skipped",
			`وقال "" ثم صمت.`,
			nil},
		{"white space inside the marks is not part of the quote",
			`وقال المدير: "  إن سوق الكتاب يتعافى ببطء  " .`,
			[]want{{"إن سوق الكتاب يتعافى ببطء", Direct}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs := Extract(tt.text)
			var got []want
			for _, q := range qs {
				if tt.text[q.Start:q.End] != q.Text {
					t.Errorf("text[%d:%d] = %q, want the quote %q", q.Start, q.End, tt.text[q.Start:q.End], q.Text)
				}
				got = append(got, want{q.Text, q.Kind})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Extract() =\n  %v\nwant\n  %v", got, tt.want)
			}
		})
	}
}

func TestExtractMarksContinuation(t *testing.T) {
	qs := Extract("وقالت: «الجملة الأولى من التصريح الطويل.\n«والجملة الثانية منه هنا».")
	if len(qs) != 2 || !qs[1].Continued || qs[0].Continued || !qs[0].Unclosed() || qs[1].Unclosed() {
		t.Fatalf("got %+v, want an unclosed quote then a closed continuation", qs)
	}
}

func TestExtractSeed(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "shared", "seed", "lavrov-istanbul.txt"))
	if err != nil {
		t.Skipf("shared seed article not available: %v", err)
	}
	// DESIGN.md §5: the seven spans of the seed article and their kinds.
	wantSpans := []want{
		{"أعتقد أن النتائج (التي تمخضت عن المفاوضات) مهمة ومفيدة.", Direct},
		{"أعتقد أنه من الأفضل دائما وجود قناة اتصال", Direct},
		{"ربما لا يزال هناك جرحى.", Direct},
		{"على الرغم من الاستفزازات الإجرامية الجسيمة", Direct},
		{"تدخلا", Partial},
		{"العربية/ الحدث", Other},
		{"الإرث الماضي", Partial},
	}
	qs := Extract(string(b))
	i := 0
	for _, w := range wantSpans {
		for i < len(qs) && !strings.HasPrefix(qs[i].Text, w.text) {
			i++
		}
		if i == len(qs) {
			t.Fatalf("span starting %q not found in order; got %+v", w.text, qs)
		}
		if qs[i].Kind != w.kind {
			t.Errorf("span %q: kind %s, want %s", w.text, qs[i].Kind, w.kind)
		}
	}
	if !qs[0].Unclosed() {
		t.Errorf("first span should be unclosed")
	}
}

// checkInvariants fails t when a quote breaks the contract of Extract.
func checkInvariants(t *testing.T, text string, qs []Quote) {
	t.Helper()
	// Rune boundaries as a range loop sees them: an invalid byte is a rune
	// of its own.
	boundary := make(map[int]bool, len(text)+1)
	for i := range text {
		boundary[i] = true
	}
	boundary[len(text)] = true
	prev := -1
	for _, q := range qs {
		if q.Start < 0 || q.End > len(text) || q.Start >= q.End {
			t.Fatalf("bad offsets [%d,%d) for text of %d bytes", q.Start, q.End, len(text))
		}
		if text[q.Start:q.End] != q.Text {
			t.Fatalf("text[%d:%d] = %q, quote is %q", q.Start, q.End, text[q.Start:q.End], q.Text)
		}
		if !boundary[q.Start] || !boundary[q.End] {
			t.Fatalf("offsets [%d,%d) not on rune boundaries", q.Start, q.End)
		}
		if q.Start < prev {
			t.Fatalf("quotes out of order: %d after %d", q.Start, prev)
		}
		prev = q.Start
		switch q.Kind {
		case Direct, Partial, Other:
		default:
			t.Fatalf("unknown kind %q", q.Kind)
		}
	}
}

func FuzzExtract(f *testing.F) {
	seeds := []string{
		`وقال الوزير: "سنبني ثلاثة مستشفيات".`,
		"«a “b” c» ”d“ »e« „f“ ‘g’ ‹h›",
		"\"\"\"\n\"x\n«\n»",
		"وأوضح ان من بين القتلى سبعة اطفال في غارات\" مجاورة",
		"قال “أ. وقال ب “ج” د",
		"\xff\xfe\xc2\xab\xe2\x80",
		"«" + strings.Repeat("كلمة ", 50),
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		qs := Extract(text)
		checkInvariants(t, text, qs)
		if again := Extract(text); !reflect.DeepEqual(qs, again) {
			t.Fatalf("Extract is not deterministic")
		}
	})
}

func ExampleExtract() {
	text := `وقال الوزير: "سنبني ثلاثة مستشفيات هذا العام"، في حين وصفت المعارضة الخطة بأنها "متأخرة". وتبث قناة "المدار" المؤتمر.`
	for _, q := range Extract(text) {
		fmt.Printf("%s [%d,%d) %s\n", q.Kind, q.Start, q.End, q.Text)
	}
	// Output:
	// direct [24,80) سنبني ثلاثة مستشفيات هذا العام
	// partial [145,157) متأخرة
	// other [179,191) المدار
}

// corpusTexts loads the article texts of the shared corpus, or skips.
func corpusTexts(tb testing.TB) ([]string, int) {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "*.jsonl.gz"))
	if len(files) == 0 {
		tb.Skip("shared corpus not available")
	}
	var texts []string
	total := 0
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			tb.Fatal(err)
		}
		gz, err := gzip.NewReader(f)
		if err != nil {
			tb.Fatal(err)
		}
		sc := bufio.NewScanner(gz)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for sc.Scan() {
			var a Article
			if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
				tb.Fatal(err)
			}
			texts = append(texts, a.Text)
			total += len(a.Text)
		}
		if err := sc.Err(); err != nil {
			tb.Fatal(err)
		}
		f.Close()
	}
	return texts, total
}

// BenchmarkExtract measures Extract over the whole shared corpus on one
// goroutine, JSON decoding excluded; it reports MB/s and quotes/s.
func BenchmarkExtract(b *testing.B) {
	texts, total := corpusTexts(b)
	b.SetBytes(int64(total))
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		for _, s := range texts {
			n += len(Extract(s))
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "quotes/s")
}

func TestExtractCorpusInvariants(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus pass skipped in -short mode")
	}
	texts, _ := corpusTexts(t)
	for i, s := range texts {
		if i%7 != 0 { // a seventh of the corpus keeps the race-detector run short
			continue
		}
		checkInvariants(t, s, Extract(s))
	}
}

// TestHasLeadByte holds the eight-byte test that scanMarks skips by to its
// table, on random bytes near each lead byte.
func TestHasLeadByte(t *testing.T) {
	alphabet := []byte{'"', '\n', 0xC2, 0xE2, '!', '#', 0x0B, 0xC3, 0xE3, 0xA2, 0x00, 0xFF, 'a'}
	rng := rand.New(rand.NewPCG(27, 28))
	for range 100000 {
		b := make([]byte, 8)
		for i := range b {
			b[i] = 'a'
			if rng.IntN(8) == 0 {
				b[i] = alphabet[rng.IntN(len(alphabet))]
			}
		}
		want := false
		for _, c := range b {
			want = want || leadByte[c]
		}
		if got := hasLeadByte(string(b), 0); got != want {
			t.Fatalf("hasLeadByte(% x) = %v, want %v", b, got, want)
		}
	}
}
