package compare

import (
	"encoding/json"
	"io"
	"math"

	"github.com/isnad/isnad/attribution"
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
	j.buf = attribution.AppendJSONString(j.buf, k)
	j.buf = append(j.buf, ':', ' ')
}

func (j *jsonWriter) null() { j.buf = append(j.buf, "null"...) }

func (j *jsonWriter) str(k, v string) {
	j.key(k)
	j.buf = attribution.AppendJSONString(j.buf, v)
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
	j.buf = attribution.AppendJSONFloat(j.buf, v.Similarity)
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
			j.buf = attribution.AppendJSONString(j.buf, c)
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
