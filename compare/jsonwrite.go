package compare

import (
	"encoding/json"
	"io"
	"math"
	"strconv"
	"unicode/utf8"
)

// This file writes the JSON report by hand, byte for byte what an
// encoding/json Encoder with SetEscapeHTML(false) and SetIndent("", "  ")
// writes, without reflection and without indenting a compact copy: a
// dense corpus makes reports of tens of megabytes.

// flushAt is how many bytes the writer gathers before it writes them out.
const flushAt = 64 << 10

// WriteJSON writes the report as the JSON of DESIGN.md §6.
func WriteJSON(w io.Writer, r Report) error {
	if !finite(r) {
		// encoding/json refuses NaN and infinities with its own error
		// and writes nothing; let it.
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	jw := jsonWriter{w: w, buf: make([]byte, 0, flushAt+flushAt/4)}
	jw.open('{')
	jw.key("statements")
	if r.Statements == nil {
		jw.null()
	} else {
		jw.open('[')
		for i := range r.Statements {
			jw.item()
			jw.statement(&r.Statements[i])
			if len(jw.buf) >= flushAt {
				jw.flush()
			}
		}
		jw.close(']')
	}
	jw.close('}')
	jw.buf = append(jw.buf, '\n')
	jw.flush()
	return jw.err
}

// finite reports whether every similarity of r is a finite number.
func finite(r Report) bool {
	for _, st := range r.Statements {
		for _, v := range st.Versions {
			if math.IsInf(v.Similarity, 0) || math.IsNaN(v.Similarity) {
				return false
			}
		}
	}
	return true
}

// jsonWriter appends indented JSON to buf and writes it to w in chunks;
// the first write error sticks.
type jsonWriter struct {
	w   io.Writer
	buf []byte
	// counts holds, for each open object or array, innermost last, how
	// many fields or elements it has so far.
	counts []int
	err    error
}

func (j *jsonWriter) flush() {
	if j.err == nil && len(j.buf) > 0 {
		_, j.err = j.w.Write(j.buf)
	}
	j.buf = j.buf[:0]
}

func (j *jsonWriter) newline() {
	j.buf = append(j.buf, '\n')
	for range len(j.counts) {
		j.buf = append(j.buf, ' ', ' ')
	}
}

// open starts an object or an array.
func (j *jsonWriter) open(c byte) {
	j.buf = append(j.buf, c)
	j.counts = append(j.counts, 0)
}

// close ends the innermost object or array: an empty one is written {}
// or [].
func (j *jsonWriter) close(c byte) {
	n := j.counts[len(j.counts)-1]
	j.counts = j.counts[:len(j.counts)-1]
	if n > 0 {
		j.newline()
	}
	j.buf = append(j.buf, c)
}

// item starts the next element of an array.
func (j *jsonWriter) item() {
	top := &j.counts[len(j.counts)-1]
	if *top > 0 {
		j.buf = append(j.buf, ',')
	}
	*top++
	j.newline()
}

// key starts the next field of an object.
func (j *jsonWriter) key(k string) {
	j.item()
	j.buf = appendJSONString(j.buf, k)
	j.buf = append(j.buf, ':', ' ')
}

func (j *jsonWriter) null() { j.buf = append(j.buf, "null"...) }

func (j *jsonWriter) str(k, v string) {
	j.key(k)
	j.buf = appendJSONString(j.buf, v)
}

func (j *jsonWriter) statement(st *Statement) {
	j.open('{')
	j.str("id", st.ID)
	j.str("speaker", st.Speaker)
	j.str("said_on", st.SaidOn)
	j.str("text", st.Text)
	j.key("versions")
	if st.Versions == nil {
		j.null()
	} else {
		j.open('[')
		for i := range st.Versions {
			j.item()
			j.version(&st.Versions[i])
		}
		j.close(']')
	}
	j.close('}')
}

func (j *jsonWriter) version(v *Version) {
	j.open('{')
	j.str("quote_id", v.QuoteID)
	j.str("article", v.Article)
	j.str("outlet", v.Outlet)
	j.str("published", v.Published)
	if v.Credited != "" {
		j.str("credited", v.Credited)
	}
	if v.Speaker != "" {
		j.str("speaker", v.Speaker)
	}
	j.str("quote", v.Quote)
	j.key("similarity")
	j.buf = appendJSONFloat(j.buf, v.Similarity)
	j.key("diff")
	if v.Diff == nil {
		j.null()
	} else {
		j.open('[')
		for _, d := range v.Diff {
			j.item()
			j.open('{')
			j.str("op", d.Op)
			j.str("text", d.Text)
			j.close('}')
		}
		j.close(']')
	}
	j.key("changes")
	if v.Changes == nil {
		j.null()
	} else {
		j.open('[')
		for _, c := range v.Changes {
			j.item()
			j.buf = appendJSONString(j.buf, c)
		}
		j.close(']')
	}
	if len(v.Parts) > 0 {
		j.key("parts")
		j.open('[')
		for _, p := range v.Parts {
			j.item()
			j.open('{')
			j.str("quote_id", p.QuoteID)
			j.str("quote", p.Quote)
			j.close('}')
		}
		j.close(']')
	}
	j.close('}')
}

// appendJSONFloat appends f as encoding/json writes a float64.
func appendJSONFloat(b []byte, f float64) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 is written e-9.
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s quoted as encoding/json quotes a string
// without HTML escaping: control characters, quotes and backslashes
// escaped, invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func appendJSONString(dst []byte, s string) []byte {
	if plainJSON(s) {
		dst = append(dst, '"')
		dst = append(dst, s...)
		return append(dst, '"')
	}
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	dst = append(dst, '"')
	return dst
}

// plainJSON reports whether s is valid UTF-8 that needs no escape in a
// JSON string: no control character, quote or backslash, and no U+2028
// or U+2029.
func plainJSON(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' {
				return false
			}
			i++
			continue
		}
		// Two bytes, as Arabic letters are: a lead byte C2 to DF and a
		// continuation byte are always a valid sequence.
		if c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += size
	}
	return true
}
