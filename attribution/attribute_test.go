package attribution

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/isnad/isnad/quotes"
)

// got is what a test expects of one attributed quote.
type got struct {
	quote, speaker, role, cue, credited string
}

func str0(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// attributed runs extraction and attribution and returns the attributed
// quotes, keyed by the first word of each quote.
func attributed(t *testing.T, a *quotes.Article) map[string]Record {
	t.Helper()
	out := map[string]Record{}
	for _, r := range Attribute(a, quotes.Extract(a.Text)) {
		if r.Kind.Attributed() {
			out[strings.Fields(r.Quote)[0]] = r
		}
	}
	return out
}

func TestAttributePatterns(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []got // quote is the quote's first word
	}{
		{"verb-subject with a title chain, then the surname alone resolves to the full name",
			"وقال وزير الخارجية الروسي سيرغي لافروف: \"نحن مستعدون للحوار مع الجميع\".\nوقال لافروف: \"العقوبات لن تغير موقفنا أبدا\".",
			[]got{{"نحن", "سيرغي لافروف", "وزير الخارجية الروسي", "وقال", ""}, {"العقوبات", "سيرغي لافروف", "وزير الخارجية الروسي", "وقال", ""}}},
		{"subject-verb with a circumstantial cue",
			"وقال الرئيس فلاديمير بوتين إن الاجتماع مهم.\nبوتين أشار إلى التقدم في المحادثات، مضيفا بالقول: \"سنواصل العمل من أجل السلام\".",
			[]got{{"سنواصل", "فلاديمير بوتين", "الرئيس", "مضيفا بالقول", ""}}},
		{"continuation carries the speaker",
			"وقال الوزير سامر الحداد: \"المشروع يسير وفق الخطة الموضوعة\".\nوأضاف: \"التمويل متوفر بالكامل لهذا العام\".",
			[]got{{"المشروع", "سامر الحداد", "الوزير", "وقال", ""}, {"التمويل", "سامر الحداد", "الوزير", "وأضاف", ""}}},
		{"feminine continuation looks back for a woman",
			"وقالت المتحدثة ليلى منصور: \"الحملة تبدأ غدا في كل المدن\".\nوقال الوزير سامر الحداد: \"المياه متوفرة في كل الأحياء\".\nوأضافت: \"اللقاح مجاني للجميع دون استثناء\".",
			[]got{{"اللقاح", "ليلى منصور", "المتحدثة", "وأضافت", ""}}},
		{"quote before the verb",
			"\"لن نتراجع عن هذا القرار مهما حدث\"، قال رئيس الاتحاد يوسف القاسمي.",
			[]got{{"لن", "يوسف القاسمي", "رئيس الاتحاد", "قال", ""}}},
		{"relayed: the agency is credited, the source speaks",
			"نقلت وكالة رويترز عن وزير الاقتصاد كريم العطار قوله: \"سنخفض الضرائب على المصانع الصغيرة\".",
			[]got{{"سنخفض", "كريم العطار", "وزير الاقتصاد", "قوله", "وكالة رويترز"}}},
		{"institution",
			"وقالت وزارة الصحة في بيان: \"الوضع الصحي مستقر في جميع المحافظات\".",
			[]got{{"الوضع", "وزارة الصحة", "", "وقالت", ""}}},
		{"attributor after the quote",
			"\"عدد المصابين ارتفع إلى ثلاثين شخصا\"، بحسب المرصد الوطني لحقوق الإنسان.",
			[]got{{"عدد", "المرصد الوطني لحقوق الإنسان", "", "بحسب", ""}}},
		{"headline colon",
			"القاسمي: \"لا تأجيل لأي مباراة في الدوري\"\nأكد رئيس الاتحاد يوسف القاسمي أن الجدول نهائي.",
			[]got{{"لا", "يوسف القاسمي", "رئيس الاتحاد", ":", ""}}},
		{"apposition after a comma gives the name",
			"وقال رئيس الوزراء اللبناني، سعد الحريري، إن \"الاقتصاد لم يعد يحتمل المزيد من التأجيل\".",
			[]got{{"الاقتصاد", "سعد الحريري", "رئيس الوزراء اللبناني", "وقال", ""}}},
		{"an unnamed source keeps its description",
			"وقال رجل إطفاء في غرفة تحكم في المدينة: \"تلقينا بلاغا قبل ساعة عن انفجار كبير\".",
			[]got{{"تلقينا", "رجل إطفاء في غرفة تحكم في المدينة", "", "وقال", ""}}},
		{"a short mention of an organisation takes the name given before",
			"تتوقع منظمة التجارة العالمية نموا أبطأ هذا العام.\nوقالت المنظمة: \"التجارة العالمية ستتباطأ بسبب الرسوم الجديدة\".",
			[]got{{"التجارة", "منظمة التجارة العالمية", "", "وقالت", ""}}},
		{"a statement speaks for its author",
			"وقالت وزارة الخارجية في بيان: \"ندين الهجوم بأشد العبارات الممكنة\".\nوأضاف البيان: \"سنتابع القضية مع الجهات الدولية المختصة\".",
			[]got{{"سنتابع", "وزارة الخارجية", "", "وأضاف", ""}}},
		{"a title in construct keeps its genitive out of the name",
			"وقال رئيس روسيا فلاديمير بوتين: \"سنرد على أي تهديد لأمننا\".",
			[]got{{"سنرد", "فلاديمير بوتين", "رئيس روسيا", "وقال", ""}}},
		{"an outlet named in marks after its head speaks by its name",
			"وذكرت صحيفة \"الأفق\" أن \"الحكومة ستعلن الميزانية الأسبوع المقبل\".",
			[]got{{"الحكومة", "الأفق", "", "وذكرت", ""}}},
		{"a post resolves to its named holder, the country given as a noun or an adjective",
			"وصل رئيس وزراء البرتغال جواو سيلفا إلى المدينة أمس.\nوقال رئيس الوزراء البرتغالي: \"نريد شراكة طويلة الأمد\".",
			[]got{{"نريد", "جواو سيلفا", "رئيس وزراء البرتغال", "وقال", ""}}},
		{"a name, its post, then the verb, inside a clause: the post in the lead is his",
			"قال وزير الزراعة المغربي: \"الموسم جيد هذا العام\".\nوكانت الأمطار وفيرة لكن كريم العلوي وزير الزراعة والصيد البحري المغربي قال للصحفيين إن الأسعار سترتفع.\nوقال: \"لا نملك حلا سحريا\".",
			[]got{{"الموسم", "كريم العلوي", "وزير الزراعة والصيد البحري المغربي", "قال", ""}, {"لا", "كريم العلوي", "وزير الزراعة والصيد البحري المغربي", "وقال", ""}}},
		{"a described person named by a naming verb",
			"وقال رجل يدعى سامي توران: \"رأينا الدخان من بعيد\".\nوتابع: \"هرب الجميع إلى الشارع\".",
			[]got{{"رأينا", "سامي توران", "", "وقال", ""}, {"هرب", "سامي توران", "", "وتابع", ""}}},
		{"a short definite head refers back to the organisation named in marks",
			"وأعلنت ما تعرف بـ\"جبهة الإنقاذ الوطني\" مسؤوليتها عن الهجوم.\nوقالت الجبهة في بيانها: \"سنواصل عملياتنا في كل مكان\".",
			[]got{{"سنواصل", "جبهة الإنقاذ الوطني", "", "وقالت", ""}}},
		{"the topic of أما speaks through the verb with ف, past an apposition",
			"وقال الطبيب سامر الحداد إن الوضع صعب.\nأما نادر سليم، أحد مسؤولي الهلال الأحمر ومقره في المدينة، فقال \"اقترب القصف من المستشفى كثيرا\".",
			[]got{{"اقترب", "نادر سليم", "", "فقال", ""}}},
		{"a title in ة that names a man: a masculine continuation finds him",
			"وقال الداعية يوسف القاسمي: \"العلم يبدأ بالسؤال دائما\".\nوأعلن المجلس أن الدروس تبدأ غدا.\nوتساءل القاسمي عن الطريقة، ويجيب: \"الجواب في الكتاب وحده\".",
			[]got{{"الجواب", "يوسف القاسمي", "الداعية", "ويجيب", ""}}},
		{"dots inside an abbreviation do not end the sentence; a dot glued to the next word does",
			"وقال تاماس فارجا المحلل في بي.في.ام أويل في لندن “تأثرت الأسعار كثيرا بما أعلنه المعهد الليلة الماضية”. وتعلن الإدارة اليوم تقريرها.\nوتبدأ الامتحانات غدا.وقال المدير نادر سليم، إن الفصول جاهزة. مضيفا \"التعليم حق لكل الأطفال\".",
			[]got{{"تأثرت", "تاماس فارجا", "", "وقال", ""}, {"التعليم", "نادر سليم", "المدير", "مضيفا", ""}}},
		{"the issuer of a statement speaks through قال فيه",
			"وقال المتحدث سامر الحداد إن التحقيق مستمر.\nبعد الاستجواب بوقت قصير، أصدر نادر سليم بيانا قال فيه: \"لن يخرج شيء من هذه التحقيقات\".",
			[]got{{"لن", "نادر سليم", "", "قال", ""}}},
		{"a name that starts with ب after a title and a comma",
			"استجوبت الشرطة رئيس البلدية، بسام الخطيب، في مكتبه.\nوقال الخطيب: \"لم أرتكب أي مخالفة في حياتي\".",
			[]got{{"لم", "بسام الخطيب", "رئيس البلدية", "وقال", ""}}},
		{"relayed from an unnamed source described with a relative clause: the whole description",
			"ونقلت صحيفة \"الأفق\" عن ساكن لم تذكر اسمه يعيش قرب المصنع قوله: \"سمعنا انفجارا هائلا في الليل\".",
			[]got{{"سمعنا", "ساكن لم تذكر اسمه يعيش قرب المصنع", "", "قوله", "صحيفة الأفق"}}},
		{"a statement in someone's words (على لسان) speaks for her, and so does the statement going on",
			"أصدرت الشرطة بيانا باسم الشابة المصابة.\nوقال البيان على لسان يارا: \"أشكر كل من ساعدني في المستشفى\".\nوقالت يارا إنها بخير، وشكرت يارا الأطباء.\nوأضاف البيان: \"أتمنى العودة إلى بيتي قريبا\".",
			[]got{{"أشكر", "يارا", "", "لسان", ""}, {"أتمنى", "يارا", "", "وأضاف", ""}}},
		{"a pronoun relayed by an outlet is the last speaker who is not an outlet",
			"وقالت المغنية سلمى راشد إنها ستغني في المهرجان.\nونقلت وكالة الأنباء الوطنية أن الحفل في موعده.\nونقلت عنها الوكالة قولها متساءلة \"هل يكفي الوقت للتحضير؟\".",
			[]got{{"هل", "سلمى راشد", "المغنية", "متساءلة", ""}}},
		{"the verb before an attribution to a recording says who spoke",
			"وبث التلفزيون تسجيلا لمكالمة بين يارا وابنة عمها.\nوقالت يارا - بحسب التسجيل المذاع - \"كل شيء على ما يرام\".\nوقالت يارا إنها بخير.",
			[]got{{"كل", "يارا", "", "وقالت", ""}}},
		{"two names after a verb are its subject and its object, not one name",
			"وقالت سلمى راشد إنها ستسافر.\nوسألت سلمى يارا عن موعد السفر.\nفقالت يارا: \"بعد أسبوع من اليوم\".\nوضحكت يارا.",
			[]got{{"بعد", "يارا", "", "فقالت", ""}}},
		{"headline form: a line opening with a name and a colon, the quote further on",
			"وقال الرئيس الأمريكي دونالد ترامب إن القمة كانت ناجحة.\nترامب: القمة \"فرصة لن تتكرر\" للسلام في المنطقة\nالديلي تليغراف: \"الزعيمان يظهران للعالم صداقة جديدة\"",
			[]got{{"فرصة", "دونالد ترامب", "الرئيس الأمريكي", ":", ""}, {"الزعيمان", "الديلي تليغراف", "", ":", ""}}},
		{"a name stops before ما joined to a preposition, and the passive of asking opens one",
			"وعندما سئلت سارة ساندرز عما إذا كانت مندهشة، قالت إنها تشعر بخيبة أمل.\nوقالت ساندرز \"ما تقوم به أمر محزن جدا\".\nوقال الوزير سامي الحداد إن الحكومة باقية.\nوسأل صحفي الحداد عما إذا كان سيستقيل، فأجاب الحداد: \"لن أستقيل أبدا\".",
			[]got{{"ما", "سارة ساندرز", "", "وقالت", ""}, {"لن", "سامي الحداد", "الوزير", "فأجاب", ""}}},
		{"an outlet speaks by its name in marks, and الصحيفة later is the nearest one named before",
			"وذكرت صحيفة \"الأفق\" أن المصنع أغلق.\nوقالت الصحيفة: \"لم يبق في المصنع أي عامل\".\nونشرت صحيفة \"الرصيف\" تقريرا آخر.\nوأضافت الصحيفة: \"العمال بلا رواتب منذ شهرين\".",
			[]got{{"لم", "الأفق", "", "وقالت", ""}, {"العمال", "الرصيف", "", "وأضافت", ""}}},
		{"an outlet after بحسب relays: it is not the speaker",
			"وقال الوزير سامي الحداد إن الموازنة جاهزة.\nوأضاف، بحسب صحيفة \"الأفق\": \"لن نرفع الضرائب هذا العام\".",
			[]got{{"لن", "سامي الحداد", "الوزير", "وأضاف", ""}}},
		{"a country is nobody's first name or surname",
			"قالت الحكومة إن إيران ستكون أول المتضررين.\nوردت إيران بأنها سوف \"تبقى في الاتفاق\" مع الآخرين.\nوقالت الوزيرة ماجدة مغربي: \"ننتظر الرد الرسمي\".\nوأضافت مغربي: \"لا جديد حتى الآن\".",
			[]got{{"تبقى", "إيران", "", "وردت", ""}, {"لا", "ماجدة مغربي", "الوزيرة", "وأضافت", ""}}},
		{"a ḥāl goes with the verb of its own clause after فيما, else with the main clause",
			"وتتهم الحكومة روسيا بالهجوم، فيما تنفي موسكو أي دور لها منددة بـ\"استفزاز\" واضح.\nوتابع المصدر أن الهجوم وقع ليلا بينما كانت القوات عائدة، مضيفا أن \"المهاجمين اختفوا في الغابة\".",
			[]got{{"استفزاز", "موسكو", "", "منددة", ""}, {"المهاجمين", "المصدر", "", "مضيفا", ""}}},
		{"a relative clause whose verb holds its antecedent as object: the sentence's earlier speaker",
			"وتؤكد تركيا أن عمليتها تستهدف الوحدات الكردية التي تعتبرها \"إرهابية\" منذ سنوات.\nوقالت المنظمة إن الأوضاع التي وصفها الخبير سامي الحداد بـ\"المزرية\" لم تتغير.",
			[]got{{"إرهابية", "تركيا", "", "تعتبرها", ""}, {"المزرية", "سامي الحداد", "الخبير", "وصفها", ""}}},
		{"a ḥāl after a sentence in كان … قد: its subject",
			"وقال المتحدث سامي الحداد إن الزيارة مهمة.\nوكان الرئيس الفرنسي إيمانويل ماكرون قد زار المدينة قبل أسبوعين، مقترحا التفاوض حول \"اتفاق جديد\" يرضي الجميع.",
			[]got{{"اتفاق", "إيمانويل ماكرون", "الرئيس الفرنسي", "مقترحا", ""}}},
		{"a subheading repeating words quoted below takes their speaker",
			"وقال الوزير سامي الحداد إن العمل مستمر.\nوأعلنت الشركة أرباحها السنوية.\n\"أقوى من أي وقت مضى\"\nومن جهتها قالت الوزيرة ليلى منصور إن \"التحالف أقوى من أي وقت مضى\" في رسالة واضحة.",
			[]got{{"أقوى", "ليلى منصور", "الوزيرة", "", ""}}},
		{"a subheading repeating words that a stop ends inside the quote below",
			"وقال الوزير سامي الحداد إن العمل مستمر.\nواتهمت الحكومة المعارضة بعرقلة المشروع.\n\"يسير كما خططنا\"\nوقالت الوزيرة ليلى منصور: \"كل شيء يسير كما خططنا. وسنفتتح الجسر في موعده\".",
			[]got{{"يسير", "ليلى منصور", "الوزيرة", "", ""}, {"كل", "ليلى منصور", "الوزيرة", "وقالت", ""}}},
		{"a noun with its owner's pronoun ends a name",
			"وأعلن المدرب سامي الحداد استقالته من منصبه، قائلا: \"إنه يوم حزين\".",
			[]got{{"إنه", "سامي الحداد", "المدرب", "قائلا", ""}}},
		{"a surname in ـته that ends the phrase stays",
			"وقال المدرب حسن شحاته: \"الفريق جاهز للمباراة المقبلة\".",
			[]got{{"الفريق", "حسن شحاته", "المدرب", "وقال", ""}}},
		{"a nationality qualifying a noun is no title: an object follows",
			"واستهدف الجيش الإسرائيلي منزل هنية.\nوقال هنية: \"لن نتراجع عن مواقفنا\".",
			[]got{{"لن", "هنية", "", "وقال", ""}}},
		{"a surname takes the first name given after a nationality",
			"وعاد البرتغالي جوزيه مارينو إلى الملاعب بعد غياب طويل.\nوقال مارينو: \"إنه يوم سعيد لكرة القدم\".",
			[]got{{"إنه", "جوزيه مارينو", "", "وقال", ""}}},
		{"a verbal noun after a nationality is no first name",
			"والأحد، أعلن الجيش الأوكراني استهداف كييف 30 بالمئة من الطائرات.\nوهو ما تعتبره كييف \"تصعيدا\" خطيرا.",
			[]got{{"تصعيدا", "كييف", "", "تعتبره", ""}}},
		{"the subject of كان … قد however far before the verb",
			"وعقد الوزير سامي الحداد مؤتمرا صحفيا.\nوكان زعيم المعارضة كريم ناصر، الذي تحدث للصحفيين، قد وصف الخطة بأنها \"كارثة اقتصادية\".",
			[]got{{"كارثة", "كريم ناصر", "زعيم المعارضة", "وصف", ""}}},
		{"قد of a relative clause is not the sentence's كان … قد",
			"وكان الوزير سامي الحداد قد التقى السفير كريم ناصر الذي كان قد قال إن \"الاتفاق بات وشيكا جدا\".",
			[]got{{"الاتفاق", "", "", "قال", ""}}},
		{"a relative clause between كان's subject and قد is looked past",
			"وأعلنت اللجنة النتائج النهائية.\nوكان الوزير سامي الحداد الذي حل حزبه ثالثا قد قال إن \"التحقيق أثبت وقوع مخالفات جسيمة\".",
			[]got{{"التحقيق", "سامي الحداد", "الوزير", "قال", ""}}},
		{"قال فيه then a person: that person speaks",
			"وكتب الوزير سامي الحداد تغريدة.\nوفي مقال له نشرته صحيفة \"الأفق\" قال فيه النائب كريم ناصر إن \"الخطة فاشلة تماما وسنرفضها في البرلمان\".",
			[]got{{"الخطة", "كريم ناصر", "النائب", "قال", ""}}},
		{"هكذا between a quote and its verb",
			"\"ارقد في سلام يا صديقي\" هكذا اختتم اللاعب كريم ناصر رسالته على حسابه.",
			[]got{{"ارقد", "كريم ناصر", "اللاعب", "اختتم", ""}}},
		{"a blessing after a name is not part of it",
			"وقال ولي العهد الأمير سامي بن فهد -حفظه الله-: \"المملكة ماضية في طريق البناء\".",
			[]got{{"المملكة", "سامي بن فهد", "ولي العهد الأمير", "وقال", ""}}},
		{"a name read on past a blessing does not bring it back",
			"وقال الشيخ محمد بن صالح الحداد رحمه الله تعالى: \"العلم نور يضيء الطريق\".",
			[]got{{"العلم", "محمد بن صالح الحداد", "الشيخ", "وقال", ""}}},
		{"a blessing set off by commas after a title is not the name",
			"وأكد نائب رئيس الوزراء، رعاه الله، أن \"المملكة ماضية في طريق البناء\".",
			[]got{{"المملكة", "نائب رئيس الوزراء", "نائب رئيس الوزراء", "وأكد", ""}}},
		{"علق reports a comment",
			"وقال الوزير سامي الحداد إن العمل مستمر.\nوعلق النائب كريم ناصر على ذلك: \"هذه وعود لا تتحقق\".",
			[]got{{"هذه", "كريم ناصر", "النائب", "وعلق", ""}}},
		{"معلقا is a ḥāl: its speaker is the verb's subject before it",
			"وانتقد النائب كريم ناصر في الجلسة خطة الحكومة، معلقا: \"هذه وعود لا تتحقق\".",
			[]got{{"هذه", "كريم ناصر", "النائب", "معلقا", ""}}},
		{"بقوله after a name is not part of it",
			"وعلق كريم ناصر بقوله \"هذه وعود لا تتحقق\".",
			[]got{{"هذه", "كريم ناصر", "", "وعلق", ""}}},
		{"a verbal noun after the verb is its object, the subject left unsaid",
			"وأعلنت وزارة الخارجية أن المحادثات انتهت.\nوأكدت رغبة الحكومة \"الراسخة\" في الحوار.",
			[]got{{"الراسخة", "وزارة الخارجية", "", "وأكدت", ""}}},
		{"a verb joined to one inside reported speech shares its subject",
			"وقالت سلمى راشد أمس إنها غادرت المستشفى.\nوقالت الممرضة ليلى منصور إن الحالة مستقرة.\nوقال التلفزيون إن سلمى راشد تحدثت هاتفيا مع شقيقتها وقالت لها \"أنا بخير ولا داعي للقلق\".",
			[]got{{"أنا", "سلمى راشد", "", "وقالت", ""}}},
		{"someone who introduced herself by a name speaks by that name",
			"وفي التسجيل، تقول سيدة قدمت نفسها على أنها ليلى منصور إن والدها في وضع \"جيد جدا الآن\".",
			[]got{{"جيد", "ليلى منصور", "", "تقول", ""}}},
		{"the verb opening a sentence is not a first name, nor are the words of a quote",
			"أدلت سلمى راشد ابنة الوزير بتصريحات أمس.\nوقالت في التسجيل \"أنا سلمى راشد\".\nوقالت راشد: \"أنا بخير تماما\".",
			[]got{{"أنا", "سلمى راشد", "", "وقالت", ""}}},
		{"a title with a country adjective stands for the counterpart named after that adjective",
			"وقال الوزير الأمريكي خلال مؤتمر مشترك مع نظيريه الياباني تارو كونو والكورية الجنوبية كانغ كيونغ-وا إن المحادثات جيدة.\nمن جهتها قالت الوزيرة الكورية الجنوبية إن \"التحالف بين البلدين أقوى من أي يوم مضى\".",
			[]got{{"التحالف", "كانغ كيونغ-وا", "الوزيرة الكورية الجنوبية", "قالت", ""}}},
		{"an expert's field after في belongs to the title",
			"حذر خبير بريطاني في الذكاء الصناعي من خطورة السيارات ذاتية القيادة.\nوقال الخبير: \"نحن على دراية كاملة بما تفعله السيارة\".",
			[]got{{"نحن", "خبير بريطاني في الذكاء الصناعي", "خبير بريطاني في الذكاء الصناعي", "وقال", ""}}},
		{"باسم is a first name unless a spokesman speaks in the name of someone; a place before the name may hold a country",
			"أكد مدير الفريق الأول رئيس بعثة الفريق في معسكر سويسرا باسم أبوداود على نجاح المعسكر.\nوقال: \"التحضير كان ممتازا\".\nوقال المتحدث باسم الحكومة سامي الحداد: \"لا تعليق الآن\".",
			[]got{{"التحضير", "باسم أبوداود", "مدير الفريق الأول رئيس بعثة الفريق في معسكر سويسرا", "وقال", ""}, {"لا", "سامي الحداد", "المتحدث باسم الحكومة", "وقال", ""}}},
		{"an apposition after a name is read to its comma, with the adjectives of a genitive",
			"وقالت سارة سميث، أستاذة الاقتصاد في جامعة بريستول، لبي بي سي إن التشبيه \"غير مفيد أبدا\".\nوقال أستاذ الفيزياء في جامعة سري البريطانية، جيم الخليلي، إن \"التقدم سريع جدا\".",
			[]got{{"غير", "سارة سميث", "أستاذة الاقتصاد في جامعة بريستول", "وقالت", ""}, {"التقدم", "جيم الخليلي", "أستاذ الفيزياء في جامعة سري البريطانية", "وقال", ""}}},
		{"المرأة alone is the last woman who spoke",
			"وقالت المتحدثة ليلى منصور إن الحالة مستقرة.\nوقال الطبيب سامي الحداد إن العلاج بدأ.\nوتقول المرأة: \"لم أنم منذ يومين\".",
			[]got{{"لم", "ليلى منصور", "المتحدثة", "وتقول", ""}}},
		{"an outlet with ل after the verb heard the words; nobody else named, nobody speaks",
			"وقالت لقناة الغد إنها بكت فرحا.\nوقالت: \"لقد انتظرت هذا اليوم طويلا جدا\".",
			[]got{{"لقد", "", "", "وقالت", ""}}},
		{"an outlet with ل after a spokesman's post heard the words",
			"وقال متحدث باسم الدفاع المدني لوكالة الأنباء المحلية: \"الوضع تحت السيطرة الآن\".",
			[]got{{"الوضع", "متحدث باسم الدفاع المدني", "متحدث باسم الدفاع المدني", "وقال", ""}}},
		{"an outlet with ل after a bare post is the post's genitive",
			"وقال المدير العام لقناة الأفق سامي العلي إن \"البث سيعود خلال ساعات قليلة فقط\".",
			[]got{{"البث", "سامي العلي", "المدير العام لقناة الأفق", "وقال", ""}}},
		{"a foreign surname that starts with و is the name's second word",
			"وقال أندرو ويلسون، المدير التنفيذي للشركة، إن الخطوة مهمة.\nوقال: \"نحن فخورون بما حققه الفريق\".",
			[]got{{"نحن", "أندرو ويلسون", "المدير التنفيذي للشركة", "وقال", ""}}},
		{"a و word that stands alone elsewhere is a second conjunct",
			"وقال ماكرون إن القمة ناجحة.\nوأكد ترامب وماكرون في بيان: \"العلاقة بين بلدينا قوية جدا\".",
			[]got{{"العلاقة", "ترامب", "", "وأكد", ""}}},
		{"a capital after a surname is the verb's object, not the surname's second word",
			"ووصف روحاني واشنطن بأنها \"دولة مارقة\".",
			[]got{{"دولة", "روحاني", "", "ووصف", ""}}},
		{"the words after a surname before a preposition are a verb and its complement, not the rest of a name",
			"وكان ترامب حذر في تغريدة من أن الرد \"سيكون قاسيا جدا على الجميع\".\nوكان ترامب اجتمع بعدها مع مستشاريه.",
			[]got{{"سيكون", "ترامب", "", "حذر", ""}}},
		{"a first name's fuller form ends at a mark",
			"وقالت سلمى: \"الحمد لله على السلامة\".\nوكانت سلمى العتيبي، التي نجت من الحادث، تسير وحدها.",
			[]got{{"الحمد", "سلمى العتيبي", "", "وقالت", ""}}},
		{"a subject between أن and a saying verb speaks, not the outlet that relayed it",
			"وأفادت وكالة الأنباء الرسمية أن نوفاك قال في مؤتمر بمدينة سوتشي \"لا يمكننا الاعتماد على مزاج شخص واحد\".",
			[]got{{"لا", "نوفاك", "", "قال", ""}}},
		{"أن after قبل opens a verb, not a subject",
			"وقال الوزير سامر الحداد إن المفاوضات صعبة، قبل أن يستطرد بالقول: \"لكننا لن نغادر الطاولة\".",
			[]got{{"لكننا", "سامر الحداد", "الوزير", "بالقول", ""}}},
		{"a body's name after ل and its head belongs to the post, and a surname with ل the article repeats ends the name",
			"وقال المدير التجاري لشركة إيرباص جون ليهي إن الطلبية \"تؤكد التزامنا بمواصلة الإنتاج\".\nوقال ليهي: \"نحن واثقون من السوق\".",
			[]got{{"تؤكد", "جون ليهي", "المدير التجاري لشركة إيرباص", "وقال", ""}, {"نحن", "جون ليهي", "المدير التجاري لشركة إيرباص", "وقال", ""}}},
		{"a body's name of two words the article repeats stays in the post",
			"ونشرت شركة فيس بوك تقريرها.\nوقال الرئيس التنفيذي لشركة فيس بوك مارك زوكربرغ: \"نحن نتحمل المسؤولية كاملة\".",
			[]got{{"نحن", "مارك زوكربرغ", "الرئيس التنفيذي لشركة فيس بوك", "وقال", ""}}},
		{"a surname with ل said once ends the name when the post follows",
			"وقال جيفري لويس مدير برنامج منع الانتشار النووي إن \"الصور تظهر نشاطا جديدا\".",
			[]got{{"الصور", "جيفري لويس", "", "وقال", ""}}},
		{"a word with ل after a name said once is who heard it",
			"وقال بوتين لعباس في الكرملين: \"أنا مسرور للقائك مجددا\".",
			[]got{{"أنا", "بوتين", "", "وقال", ""}}},
		{"a cue word after هو is a noun: he is a student, not he demanded",
			"ويقول سامر الحداد، وهو طالب دراسات عليا في الجامعة: \"النظام يتعلم من كل مستخدم\".",
			[]got{{"النظام", "سامر الحداد", "", "ويقول", ""}}},
		{"the subject after كان speaks for a later verb of its sentence, with no قد",
			"وقالت الوزيرة ليلى منصور إن الوضع مستقر.\nوكان العميد أحمد عسيري الناطق باسم التحالف ذكر في تصريحات سابقة أن \"العمليات مستمرة حتى تحقيق الأهداف\".",
			[]got{{"العمليات", "أحمد عسيري", "العميد", "ذكر", ""}}},
		{"the subject after بيد أن speaks for the verbs of its sentence",
			"وقالت الوزيرة ليلى منصور إن الوضع مستقر.\nوالتقى كريم ناصر السفراء أمس.\nبيد أن الوزير كريم ناصر قدم تقييما مختلفا للوضع، وقال \"نحن في مرحلة صعبة جدا\".",
			[]got{{"نحن", "كريم ناصر", "الوزير", "وقال", ""}}},
		{"بعدما after a name opens a clause: the name ends there",
			"وقال فيرمينو بعدما سئل عن مستقبله مع الفريق: \"لا أفكر في الرحيل أبدا\".",
			[]got{{"لا", "فيرمينو", "", "وقال", ""}}},
		{"a first name shaped like a dual verb in ا opens a name when a name word follows",
			"وقال النائب أيمن عودة إن الفيديو صادم.\nووصف يهودا غليك من حزب الليكود الفيديو بأنه \"مؤلم ومزعج\".",
			[]got{{"مؤلم", "يهودا غليك", "", "ووصف", ""}}},
		{"relayed with نقل X عن Y and no قوله: Y speaks, X is credited",
			"ونقلت فرانس برس عن مصدر في خفر السواحل إن \"القارب غرق قبالة الساحل\".",
			[]got{{"القارب", "مصدر في خفر السواحل", "", "ونقلت", "فرانس برس"}}},
		{"an outlet in marks between the verb and its subject is looked past",
			"من جهته قال لـ\"الأفق\" خالد الجوهر المحلل المالي إن \"السوق تمر بمرحلة تصحيح\".",
			[]got{{"السوق", "خالد الجوهر", "", "قال", ""}}},
		{"علي written with ي where على is written with ى is a name",
			"وقال قائد القوة البحرية، علي تنكسيري، إن \"الظروف مهيأة للتعاون على كل المستويات\".\nوقال محمد علي: \"نحن على استعداد\".",
			[]got{{"الظروف", "علي تنكسيري", "قائد القوة البحرية", "وقال", ""}, {"نحن", "محمد علي", "", "وقال", ""}}},
		{"a first name that starts with فال after a post is the name, not an article word of the post",
			"وقال رئيس الأركان الروسي فاليري جيراسيموف إن \"القوات مستعدة للرد\".",
			[]got{{"القوات", "فاليري جيراسيموف", "رئيس الأركان الروسي", "وقال", ""}}},
		{"a word with tanween after a name is a ḥāl, not the name",
			"وقال المدرب ماسيميليانو فيراري إن الفريق جاهز.\nيشير فيراري ضاحكاً إلى أن \"اللاعبين يحبون التحدي\".",
			[]got{{"اللاعبين", "ماسيميليانو فيراري", "المدرب", "يشير", ""}}},
		{"the subject of كان given in full before an apposition is the name a surname stands for",
			"وكان خوان مارتن دل بوترو، الفائز باللقب عام 2009، قد خسر المباراة.\nوقال دل بوترو: \"لم أكن في يومي\".",
			[]got{{"لم", "خوان مارتن دل بوترو", "", "وقال", ""}}},
		{"وفقا لما نقله: the relaying verb after لما is skipped, not read as a speaker",
			"\"الوضع تحت السيطرة تماما\"، وفقا لما قاله الوزير كريم ناصر.",
			[]got{{"الوضع", "كريم ناصر", "الوزير", "وفقا", ""}}},
		{"نقل X عن Y with an outlet of two words: Y speaks, X is credited",
			"ونقلت وكالة رويترز عن مصدر في خفر السواحل إن \"القارب غرق قبالة الساحل\".",
			[]got{{"القارب", "مصدر في خفر السواحل", "", "ونقلت", "وكالة رويترز"}}},
		{"من أن opens a clause whose subject speaks",
			"وحذرت الوكالة من أن نوفاك قال: \"لا يمكننا الاعتماد على مزاج شخص واحد\".",
			[]got{{"لا", "نوفاك", "", "قال", ""}}},
		{"an expert's title with its field, then the name",
			"وقال أخصائي في الطب الرياضي سامي الحداد إن \"الحركة ضرورية كل ساعة\".",
			[]got{{"الحركة", "سامي الحداد", "أخصائي في الطب الرياضي", "وقال", ""}}},
		{"مصححا carries the verb's subject like قائلا",
			"وتحدث الوزير كريم ناصر عن الخطة، مصححا: \"الموعد هو الخميس وليس الأربعاء\".",
			[]got{{"الموعد", "كريم ناصر", "الوزير", "مصححا", ""}}},
		{"nobody named: no speaker is invented",
			"وقيل في الاجتماع: \"الأمور تسير نحو الأفضل في كل الملفات\".",
			[]got{{"الأمور", "", "", "وقيل", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs := attributed(t, &quotes.Article{Text: tt.text})
			for _, w := range tt.want {
				r, ok := recs[w.quote]
				if !ok {
					t.Fatalf("no attributed quote starting %q in %v", w.quote, recs)
				}
				g := got{w.quote, str0(r.Speaker), str0(r.Role), str0(r.Cue), str0(r.Credited)}
				if g != w {
					t.Errorf("quote %q:\n got speaker=%q role=%q cue=%q credited=%q\nwant speaker=%q role=%q cue=%q credited=%q",
						w.quote, g.speaker, g.role, g.cue, g.credited, w.speaker, w.role, w.cue, w.credited)
				}
			}
		})
	}
}

func TestStoryBoundary(t *testing.T) {
	text := "وقال وزير الخارجية الروسي سيرغي لافروف: \"المفاوضات مفيدة للطرفين\".\nالمصدر: صحيفة المرصد\nاقرأ أيضاً:\nوقالت: \"الوضع هادئ تماما في المدينة\".\n"
	recs := attributed(t, &quotes.Article{Text: text})
	if r := recs["المفاوضات"]; str0(r.Speaker) != "سيرغي لافروف" {
		t.Errorf("first story: %q", str0(r.Speaker))
	}
	if r := recs["الوضع"]; strings.Contains(str0(r.Speaker), "لافروف") {
		t.Errorf("the second story inherited %q", str0(r.Speaker))
	}
}

// TestEarlierStatementKeepsItsOwnDay: a pluperfect statement is not
// stamped with the article's date, but a weekday its sentence gives still
// dates it (GUIDELINES: a weekday is the most recent such day).
func TestEarlierStatementKeepsItsOwnDay(t *testing.T) {
	a := &quotes.Article{Published: "2025-06-05", Text: "وكان الوزير سامر الحداد قد قال الثلاثاء: \"سننهي المشروع قبل نهاية العام\"."}
	r := attributed(t, a)["سننهي"]
	if r.SaidOn == nil || *r.SaidOn != "2025-06-03" {
		t.Errorf("said_on = %v, want 2025-06-03, the Tuesday its sentence gives", str0(r.SaidOn))
	}
}

func TestOutletAndAgencyOfAPage(t *testing.T) {
	text := "عنوان\nموسكو - (أ ف ب) - قال الوزير سامر الحداد: \"الوضع تحت السيطرة الآن\".\nالمصدر: صحيفة المرصد\n© 2025 البوابة - جميع الحقوق محفوظة\n"
	recs := Attribute(&quotes.Article{Text: text}, quotes.Extract(text))
	if len(recs) != 1 || str0(recs[0].Outlet) != "صحيفة المرصد" || str0(recs[0].Credited) != "أ ف ب" {
		t.Fatalf("outlet %q credited %q", str0(recs[0].Outlet), str0(recs[0].Credited))
	}
	withOutlet := Attribute(&quotes.Article{Text: text, Outlet: "JSONL"}, quotes.Extract(text))
	if str0(withOutlet[0].Outlet) != "JSONL" {
		t.Errorf("the article's own outlet must win, got %q", str0(withOutlet[0].Outlet))
	}
}

// TestSeedArticle checks the seven rows of DESIGN.md §5 on the seed page.
func TestSeedArticle(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "shared", "seed", "lavrov-istanbul.txt"))
	if err != nil {
		t.Skipf("seed article not available: %v", err)
	}
	text := string(b)
	recs := Attribute(&quotes.Article{ID: "seed", Text: text}, quotes.Extract(text))
	want := []struct {
		start, kind, speaker, cue, saidOn string
	}{
		{"أعتقد أن النتائج", "direct", "سيرغي لافروف", "وقال", "2025-06-04"},
		{"أعتقد أنه من الأفضل", "direct", "سيرغي لافروف", "وأضاف", "2025-06-04"},
		{"ربما لا يزال", "direct", "سيرغي لافروف", "قال", "2025-06-04"},
		{"على الرغم من", "direct", "سيرغي لافروف", "مضيفا بالقول", "2025-06-04"},
		{"تدخلا", "partial", "كييف", "تعتبره", ""},
		{"العربية/ الحدث", "other", "", "", ""},
		{"الإرث الماضي", "partial", "أسعد الشيباني", "مؤكداً", ""},
	}
	i := 0
	for _, w := range want {
		for i < len(recs) && !strings.HasPrefix(recs[i].Quote, w.start) {
			i++
		}
		if i == len(recs) {
			t.Fatalf("quote %q not found in order", w.start)
		}
		r := recs[i]
		if string(r.Kind) != w.kind || str0(r.Speaker) != w.speaker || str0(r.Cue) != w.cue {
			t.Errorf("%q: kind=%s speaker=%q cue=%q, want %s %q %q", w.start, r.Kind, str0(r.Speaker), str0(r.Cue), w.kind, w.speaker, w.cue)
		}
		if w.saidOn != "" && str0(r.SaidOn) != w.saidOn {
			t.Errorf("%q: said_on %q, want %q", w.start, str0(r.SaidOn), w.saidOn)
		}
		if w.speaker == "سيرغي لافروف" && str0(r.Role) != "وزير الخارجية الروسي" {
			t.Errorf("%q: role %q", w.start, str0(r.Role))
		}
	}
	for _, r := range recs {
		if strings.Contains(r.Quote, "الإرث") && strings.Contains(str0(r.Speaker), "لافروف") {
			t.Error("the second story inherited Lavrov")
		}
	}
	if str0(recs[0].Published) != "2025-06-05" || str0(recs[0].Credited) != "الأناضول" || str0(recs[0].Outlet) != "صحيفة المرصد الليبية" {
		t.Errorf("first story: published %q credited %q outlet %q", str0(recs[0].Published), str0(recs[0].Credited), str0(recs[0].Outlet))
	}
	last := recs[len(recs)-2] // الإرث الماضي
	if str0(last.Outlet) != "البوابة" || str0(last.Credited) != "العربية" {
		t.Errorf("second story: outlet %q credited %q", str0(last.Outlet), str0(last.Credited))
	}
}

func FuzzAttribute(f *testing.F) {
	f.Add("وقال الوزير: \"نص\".\nوأضاف: «نص آخر طويل».\nالمصدر: س\nاقرأ أيضاً:\nنقلت وكالة عن فلان قوله \"ثالث\"")
	f.Add("\"\"،قال")
	f.Add("عنوان\nتاريخ النشر: 5th, June 2025 GMT\nوقالت الثلاثاء: «أ»")
	f.Fuzz(func(t *testing.T, text string) {
		a := &quotes.Article{Text: text, Published: "2025-06-05"}
		qs := quotes.Extract(text)
		recs := Attribute(a, qs)
		if len(recs) != len(qs) {
			t.Fatalf("%d records for %d quotes", len(recs), len(qs))
		}
		again := Attribute(a, qs)
		for i, r := range recs {
			if r.Start != qs[i].Start || r.End != qs[i].End || text[r.Start:r.End] != r.Quote {
				t.Fatalf("record %d offsets [%d,%d) do not hold its quote", i, r.Start, r.End)
			}
			if str0(r.Speaker) != str0(again[i].Speaker) || str0(r.SaidOn) != str0(again[i].SaidOn) {
				t.Fatalf("not deterministic")
			}
		}
	})
}
