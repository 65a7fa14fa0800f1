package quotes

import "strings"

// wordClass is what the kind classifier knows about a word next to a quote.
type wordClass uint8

const (
	wordPlain          wordClass = iota
	wordSpeech                   // a reporting verb or attributor: the span is speech
	wordComplementizer           // إن / أن and kin: indirect speech follows
	wordPreposition              // the span is the object of a preposition
	wordNaming                   // a noun that introduces a name or title: the span is a name
	wordEvaluative               // a verb that weaves a few quoted words into indirect speech
	wordPronounComp              // إنه / أنها …: a complementizer carrying its subject
)

// speechWords are reporting verbs in the forms that stand next to a quote:
// past masculine, feminine, plural and dual, present, and the circumstantial
// (ḥāl) form, plus the verbal nouns used with نقل عن … قوله. The core list is
// ARABIC.md §2.1 (journalists' usage notes on أفعال القول and a public
// actor-extraction regex); the evaluative verbs that introduce partial quotes
// (وصف، اتهم، ندد، تعهد، أعرب …) were added from how Arabic wire copy weaves
// quoted words into indirect speech. Prefixes و / ف / ل are stripped before
// lookup, so they are not listed.
var speechWords = []string{
	// قال
	"قال", "قالت", "قالوا", "قالا", "قالتا", "يقول", "تقول", "يقولون", "قائلا", "قائلة", "قائلين",
	"قوله", "قولها", "قولهم", "قولهما", "بالقول", "بقوله", "بقولها", "القول", "قيل",
	// أضاف، تابع، أردف، استطرد، ختم، مضى
	"أضاف", "أضافت", "أضافوا", "يضيف", "تضيف", "مضيفا", "مضيفة", "مضيفين",
	"تابع", "تابعت", "تابعوا", "يتابع", "تتابع", "متابعا", "متابعة",
	"أردف", "أردفت", "يردف", "مردفا", "مردفة",
	"استطرد", "استطردت", "مستطردا", "مستطردة",
	"ختم", "ختمت", "يختم", "مختتما", "مختتمة", "اختتم", "اختتمت",
	// أكد، أوضح، صرح، أشار، لفت، شدد، نوه
	"أكد", "أكدت", "أكدوا", "أكدا", "يؤكد", "تؤكد", "مؤكدا", "مؤكدة", "مؤكدين",
	"أوضح", "أوضحت", "أوضحوا", "يوضح", "توضح", "موضحا", "موضحة",
	"صرح", "صرحت", "صرحوا", "يصرح", "تصرح", "مصرحا", "مصرحة",
	"أشار", "أشارت", "أشاروا", "يشير", "تشير", "مشيرا", "مشيرة", "مشيرين",
	"لفت", "لفتت", "لفتوا", "يلفت", "تلفت", "لافتا", "لافتة",
	"شدد", "شددت", "شددوا", "يشدد", "تشدد", "مشددا", "مشددة",
	"نوه", "نوهت", "منوها", "منوهة", "بينت", "مبينا", "مبينة",
	// صحح، استدرك، استطرد: a speaker correcting or going on
	"صحح", "صححت", "مصححا", "مصححة", "استدرك", "استدركت", "مستدركا", "مستدركة", "استطرد", "استطردت", "مستطردا", "مستطردة",
	// اعتبر، رأى، ذكر، أعلن، أفاد، كشف
	"رأى", "رأت", "رأوا", "يرى", "ترى",
	"ذكر", "ذكرت", "ذكروا", "يذكر", "تذكر", "ذاكرا",
	"أعلن", "أعلنت", "أعلنوا", "يعلن", "تعلن", "معلنا", "معلنة",
	"أفاد", "أفادت", "أفادوا", "يفيد", "تفيد", "مفيدا", "مفيدة",
	"كشف", "كشفت", "كشفوا", "يكشف", "تكشف", "كاشفا", "كاشفة",
	// كتب، غرد، نشر in the sense of a post
	"كتب", "كتبت", "كتبوا", "يكتب", "تكتب", "كاتبا", "غرد", "غردت", "يغرد", "تغرد", "مغردا", "مغردة",
	// نفى، حذر، دعا، طالب، تساءل، أجاب
	"نفى", "نفت", "نفوا", "ينفي", "تنفي", "نافيا", "نافية",
	"حذر", "حذرت", "حذروا", "يحذر", "تحذر", "محذرا", "محذرة",
	"تساءل", "تساءلت", "يتساءل", "تتساءل", "متسائلا", "متسائلة", "متساءلة",
	"أجاب", "أجابت", "يجيب", "تجيب", "مجيبا", "ويجيب", "معقبا", "معقبة", "ردت", "يرد", "ليرد",
	// زعم، اعترف، أقر، أبدى
	"زعم", "زعمت", "زعموا", "يزعم", "تزعم", "زاعما",
	"اعترف", "اعترفت", "يعترف", "معترفا", "أقر", "أقرت", "مقرا",
	"أبدى", "أبدت", "مبديا", "مبدية",
	// نقل، روى، أبلغ، أورد
	"نقل", "نقلت", "نقلوا", "ينقل", "تنقل", "ناقلا", "روى", "روت", "أبلغ", "أبلغت", "أورد", "أوردت",
}

// evaluativeWords are verbs that characterise rather than report: the
// words quoted right after them are an object or complement woven into the
// narrator's sentence (وصف … بـ"…"، يعتبره "…"، داعيا "…"), so a span right
// after one is partial. Compiled from the partial-quote pattern of ARABIC.md
// §2.3 (P2) and the agreement/attitude verbs of §2.1.
var evaluativeWords = []string{
	"وصف", "وصفت", "وصفوا", "يصف", "تصف", "واصفا", "واصفة", "وصفه", "وصفها", "وصفوه", "وصفته",
	"اتهم", "اتهمت", "اتهموا", "يتهم", "تتهم", "متهما", "متهمة",
	"ندد", "نددت", "نددوا", "يندد", "تندد", "منددا", "منددة",
	"تعهد", "تعهدت", "تعهدوا", "يتعهد", "متعهدا",
	"ناشد", "ناشدت", "يناشد", "مناشدا",
	"هدد", "هددت", "يهدد", "مهددا", "توعد", "توعدت", "متوعدا",
	"وعد", "وعدت", "واعدا", "اقترح", "اقترحت", "مقترحا", "مقترحة",
	"استنكر", "استنكرت", "مستنكرا", "انتقد", "انتقدت", "منتقدا", "منتقدة",
	"رحب", "رحبت", "مرحبا", "اعتقد", "اعتقدت", "يعتقد", "تعتقد", "معتقدا",
	"تحدث", "تحدثت", "متحدثا", "متحدثة", "خاطب", "مخاطبا", "سأل", "سألت", "متسائلا",
	"تمنى", "تمنت", "أمل", "آملا", "آملة",
	"اعتبر", "اعتبرت", "اعتبروا", "يعتبر", "تعتبر", "معتبرا", "معتبرة", "يعتبره", "تعتبره", "يعتبرها", "تعتبرها", "يعتبرونه",
	"دعا", "دعت", "دعوا", "يدعو", "تدعو", "داعيا", "داعية", "طالب", "طالبت", "طالبوا", "يطالب", "تطالب", "مطالبا", "مطالبة",
	"أعرب", "أعربت", "أعربوا", "يعرب", "تعرب", "معربا", "معربة", "عبرت", "عبروا", "يعبر", "تعبر", "معبرا", "معبرة",
}

// attributorWords are the non-verbal attributors of ARABIC.md §2.2: speech
// follows or precedes them, a source follows them.
var attributorWords = []string{
	"بحسب", "حسب", "حسبما", "وفق", "وفقا", "طبقا", "نقلا", "لسان", "تصريح", "تصريحات", "تغريدة",
}

// complementizers introduce indirect speech: a quote right after one is
// the speaker's clause.
var complementizers = []string{"إن", "أن", "ان", "بأن", "بان", "فإن", "لأن", "لان"}

// pronounComplementizers are إن / أن with an attached pronoun: what follows
// is the predicate of that pronoun, so a short quote right after one is a
// fragment woven into indirect speech (مؤكدا أنه "أول اتفاق …").
var pronounComplementizers = []string{
	"إنه", "أنه", "انه", "إنها", "أنها", "انها", "إنهم", "أنهم", "انهم", "إننا", "أننا", "اننا",
	"بأنه", "بانه", "بأنها", "بانها", "بأنهم", "إنني", "أنني", "وبأنه", "وبأنها", "وأنه", "وأنها",
}

// prepositions before a quote make it the object of a phrase, not a clause.
var prepositions = []string{
	"ب", "ل", "في", "على", "إلى", "الى", "عن", "من", "بعد", "قبل", "مع", "حول", "ضد", "نحو",
	"لنحو", "بنحو", "عند", "منذ", "خلال", "دون", "بدون", "لدى", "حتى", "عبر",
}

// namingWords are nouns that introduce a name, title or term: a programme,
// channel, paper, agency, project, company, party, event, a nickname. A span
// right after one of them is "other" (ARABIC.md §1.6: guillemets and ASCII
// quotes around names, titles and party names). Prefixes و / ب / ل / ال are
// stripped before lookup.
var namingWords = []string{
	"برنامج", "إذاعة", "راديو", "تلفزيون", "محطة", "ناديي", "أندية", "قناة", "شبكة", "صحيفة", "صحف", "جريدة", "مجلة", "وكالة", "موقع", "مواقع", "منصة", "تطبيق",
	"حساب", "هاشتاغ", "هاشتاج", "وسم", "مشروع", "شركة", "مجموعة", "دار", "حزب", "تنظيم", "حركة",
	"جمعية", "منظمة", "هيئة", "اسم", "باسم", "عنوان", "بعنوان", "ندوة", "مسرحية", "فيلم", "كتاب",
	"رواية", "أغنية", "مسلسل", "عملية", "حملة", "مبادرة", "نظام", "أنظمة", "لقب", "شعار", "مصطلح",
	"عبارة", "عبارتي", "كلمة", "مؤتمر", "مهرجان", "معرض", "جائزة", "فريق", "نادي", "مركز", "مؤسسة",
	"سيارة", "طراز", "ماركة", "مسابقة", "بطولة", "قانون", "مسمى", "تسمية", "يسمى", "تسمى", "يعرف", "تعرف",
	"الملقب", "الملقبة", "ملقب", "صفحة", "لواء", "كتيبة", "جماعة", "ائتلاف", "تحالف", "سفينة", "قاعدة",
	"مبنى", "فندق", "ميدان", "شارع", "سوق", "مطعم", "مجمع", "جامعة", "مدرسة", "مستشفى", "يدعى", "تدعى",
	"المعروف", "المعروفة", "معروف", "آلية", "خدمة", "تقنية", "ظاهرة", "فئة", "ملف", "وثيقة", "خطة",
	// verbs of naming: تطلق على نفسها "…"، يطلق عليه "…"
	"تطلق", "يطلق", "أطلق", "أطلقت", "أطلقوا", "يطلقون", "سمى", "سمت", "سموه", "يسمونه", "تسميه", "لقب",
}

// statements are the nouns of a statement made to an outlet (في حديث
// لـ"…"، في تصريحات لـ"…").
var statements = []string{"حديث", "حديثه", "حديثها", "حديثهم", "تصريح", "تصريحات", "تصريحه", "تصريحاته", "تصريحها",
	"مقابلة", "مقابلته", "مقابلتها", "لقاء", "حوار", "تقرير", "بيان"}

// venues are where a statement is made: "في بيان" after a span makes the
// span the one who made it.
var venues = []string{"بيان", "بيانها", "بيانه", "تغريدة", "تصريح", "تصريحات", "مؤتمر", "رسالة", "منشور"}

// namedThings are places, grounds and things that carry names of their
// own (ملعب "…"، عقار "…"، صاروخ "…"). They name only right before the
// span and without the article: the definite noun is a word of the
// sentence (إن الصواريخ "قادمة"، وصفت نشر القوات في الجزيرة "بغير
// المبرر"), and so is one a few words back (أحد أهالي قرية ماتي الأكثر
// تضررا "…").
var namedThings = []string{
	"ملعب", "استاد", "إستاد", "مرتفعات", "جبل", "جزيرة", "مطار", "ميناء", "مخيم", "قرية", "ثانوية",
	"أقلية", "قبيلة", "طائفة", "عقار", "دواء", "لقاح", "فيروس", "صاروخ", "صواريخ", "طائرة", "طائرات",
	"مقاتلة", "مقاتلات", "دبابة", "منظومة", "متحف", "مسجد", "كنيسة",
}

// personNaming are the naming verbs that name a person (رجل يدعى سامي):
// a colon after the name opens what that person said.
var personNaming = map[string]bool{Key("يدعى"): true, Key("تدعى"): true, Key("يسمى"): true, Key("تسمى"): true}

// namePrefixes are clitics stripped from a word before it is looked up in
// namingWords (لدار → دار، بلقب → لقب، وصحيفة → صحيفة).
var namePrefixes = []string{"وبال", "وال", "بال", "لل", "كال", "فال", "ال", "و", "ب", "ل", "ف"}

// knownNames are platforms, agencies and outlets that appear in quotation
// marks as names: a span that is exactly one of them is "other" (the
// blacklist of ARABIC.md §2.3, plus social platforms).
var knownNames = []string{
	"تويتر", "فيسبوك", "فيس بوك", "يوتيوب", "إنستغرام", "انستغرام", "انستجرام", "إنستجرام", "سناب شات",
	"واتساب", "واتس آب", "تيليغرام", "تلغرام", "تليجرام", "تيك توك", "إكس", "لينكد إن",
	"رويترز", "فرانس برس", "أ ف ب", "أسوشيتد برس", "أ ب", "د ب أ", "الأناضول", "واس", "وام", "قنا",
	"كونا", "بترا", "سانا", "وفا", "العربية", "الجزيرة", "الميادين", "سي إن إن", "بي بي سي",
	"سكاي نيوز", "سكاي نيوز عربية", "فرانس 24", "سبق", "عكاظ", "الشرق الأوسط", "الحياة", "الوطن",
	"الرياض", "المدينة", "اليوم", "الجزيرة نت", "تسنيم", "فارس", "إرنا", "إنترفاكس", "تاس", "نوفوستي",
	"غوغل", "جوجل", "أمازون", "آبل", "مايكروسوفت", "أوبر", "تسلا", "نتفليكس",
}

// conjunctions between two quotes let the second inherit the first's kind
// (منددة بـ"استفزاز" و"حملة معادية").
var conjunctions = []string{"و", "أو", "ثم", ",", "ف"}

var (
	wordClasses  = map[string]wordClass{}
	nameSet      = map[string]bool{}
	namingSet    = map[string]bool{}
	conjSet      = map[string]bool{}
	venueSet     = map[string]bool{}
	thingSet     = map[string]bool{}
	personSet    = map[string]bool{}
	statementSet = map[string]bool{}
)

func init() {
	add := func(words []string, c wordClass) {
		for _, w := range words {
			k := Key(w)
			if _, ok := wordClasses[k]; !ok {
				wordClasses[k] = c
			}
		}
	}
	add(complementizers, wordComplementizer)
	add(pronounComplementizers, wordPronounComp)
	add(speechWords, wordSpeech)
	add(attributorWords, wordSpeech)
	add(evaluativeWords, wordEvaluative)
	add(prepositions, wordPreposition)
	for _, w := range namingWords {
		namingSet[Key(w)] = true
	}
	for _, w := range personNouns {
		personSet[Key(w)] = true
	}
	for _, w := range namedThings {
		thingSet[Key(w)] = true
	}
	for _, w := range statements {
		statementSet[Key(w)] = true
	}
	for _, w := range venues {
		venueSet[Key(w)] = true
	}
	for _, w := range knownNames {
		nameSet[Key(w)] = true
	}
	for _, w := range conjunctions {
		conjSet[Key(w)] = true
	}
}

// classOf returns the class of one folded token, stripping a leading و / ف
// (and ل for the present tense, ليعلن) when the bare word is known.
func classOf(tok string) wordClass {
	if c, ok := listedClass(tok); ok {
		return c
	}
	if isNaming(tok) {
		return wordNaming
	}
	return wordPlain
}

// listedClass is classOf for the words of the class lists, without the
// naming nouns: what ReportingWord needs, at half the cost.
func listedClass(tok string) (wordClass, bool) {
	if c, ok := wordClasses[tok]; ok {
		return c, true
	}
	for _, p := range []string{"و", "ف", "ل"} {
		if len(tok) > len(p)+2 && strings.HasPrefix(tok, p) {
			if c, ok := wordClasses[tok[len(p):]]; ok && c != wordPreposition {
				return c, true
			}
		}
	}
	return 0, false
}

// isNaming reports whether tok, a folded token, is a naming noun with or
// without its clitics.
func isNaming(tok string) bool {
	if namingSet[tok] {
		return true
	}
	for _, p := range namePrefixes {
		if len(tok) > len(p)+2 && strings.HasPrefix(tok, p) && namingSet[tok[len(p):]] {
			return true
		}
	}
	return false
}

// personNouns stand before a person's name (الشهيد "محمد الدرة"، الفنانة
// "…"): where no reporting word precedes, a short span after one is the
// name.
var personNouns = []string{"شهيد", "شهيدة", "طفل", "طفلة", "فنان", "فنانة", "مطرب", "مطربة", "مغني", "مغنية",
	"شاعر", "شاعرة", "لاعب", "لاعبة", "شيخ", "داعية", "ممثل", "ممثلة", "نجم", "نجمة", "الشاب", "الشابة"}

// namesPerson reports whether tok is one of personNouns, with the article
// or a و / ب / ل / ف and the article, or without.
func namesPerson(tok string) bool {
	for _, p := range []string{"", "ال", "وال", "بال", "فال", "لل", "و"} {
		if r, ok := strings.CutPrefix(tok, p); ok && personSet[r] {
			return true
		}
	}
	return false
}

// namesThing reports whether tok is one of namedThings without the
// article, with a و / ب / ل / ف prefix or without. ل before a word that
// starts with ل is read as the article's (للقاح: of the vaccine).
func namesThing(tok string) bool {
	if thingSet[tok] {
		return true
	}
	for _, p := range []string{"و", "ب", "ل", "ف"} {
		if r, ok := strings.CutPrefix(tok, p); ok && thingSet[r] && !(p == "ل" && strings.HasPrefix(r, "ل")) {
			return true
		}
	}
	return false
}

// ReportingWord reports whether tok, a word folded with Fold, is a
// reporting verb or attributor (قال، وأضاف، قائلا، بحسب …), with its و / ف
// / ل prefix or without.
func ReportingWord(tok string) bool {
	c, _ := listedClass(tok)
	return c == wordSpeech || c == wordEvaluative
}

// SayingWord reports whether tok, a word folded with Fold, is a reporting
// verb or attributor proper (قال، أكد، بحسب), not one of the evaluative
// verbs (وصف، اعتبر، دعا) whose object may follow them.
func SayingWord(tok string) bool {
	c, _ := listedClass(tok)
	return c == wordSpeech
}
