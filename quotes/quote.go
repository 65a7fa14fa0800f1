package quotes

// Article is one news article as isnad reads it: a JSONL line or a text
// file. Only Text is required; the other fields are carried through to the
// quote records unchanged.
type Article struct {
	ID        string `json:"id"`
	Outlet    string `json:"outlet"`
	URL       string `json:"url"`
	Published string `json:"published"`
	Title     string `json:"title"`
	Text      string `json:"text"`
}

// Kind says what a quoted span is (DESIGN.md §4).
type Kind string

// The kinds of quoted span.
const (
	// Direct is a speaker's own words, a clause or more, presented as what
	// was said or written.
	Direct Kind = "direct"
	// Partial is a few of the speaker's own words woven into indirect speech.
	Partial Kind = "partial"
	// Other is a name, title, term, slogan, hashtag or scare quote: not speech.
	Other Kind = "other"
)

// Attributed reports whether the kind is speech that has a speaker (direct
// or partial), the quotes that evaluation and attribution care about.
func (k Kind) Attributed() bool { return k == Direct || k == Partial }

// Quote is one quoted span of an article.
//
// Start and End are byte offsets into the article text such that
// text[Start:End] == Text: the words inside the marks, without the marks and
// without the white space just inside them. OpenAt is the offset of the
// opening mark, or, when the opening mark is missing and the span was
// recovered from the words before its closing mark, where those words
// start. CloseAt is the offset of the closing mark, or -1 when the quote is
// never closed: it then runs to the end of its paragraph, or to the end of
// the sentence where the narrator's reporting verb takes over.
type Quote struct {
	Text    string `json:"text"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	OpenAt  int    `json:"open_at"`
	CloseAt int    `json:"close_at"`
	Kind    Kind   `json:"kind"`
	// Continued is set when the quote opens its paragraph and carries on the
	// speech of a quote that ended the paragraph before.
	Continued bool `json:"continued,omitempty"`
	// Paragraph is the 0-based index of the quote's paragraph (lines split
	// at '\n').
	Paragraph int `json:"paragraph"`
}

// Unclosed reports whether the quote's closing mark is missing.
func (q Quote) Unclosed() bool { return q.CloseAt < 0 }
