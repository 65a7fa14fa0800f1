package main

import (
	"encoding/csv"
	"io"
	"strconv"
	"unicode"

	"github.com/isnad/isnad/attribution"
)

// csvColumns is the CSV contract of DESIGN.md §6.
var csvColumns = []string{"id", "speaker", "role", "said_on", "quote", "kind", "outlet", "published", "url", "article", "cue", "mention", "credited", "confidence"}

// csvWriter writes quote records as RFC 4180 CSV with a header row, for
// spreadsheets by default: a UTF-8 byte order mark so that Excel shows
// Arabic, and cells that a spreadsheet would run as a formula (starting
// with = + - @, a tab or a carriage return) prefixed with '. raw keeps
// every cell as it is, for tools that are not spreadsheets.
type csvWriter struct {
	w   *csv.Writer
	raw bool
}

func newCSVWriter(w io.Writer, bom, raw bool) (*csvWriter, error) {
	if bom {
		if _, err := io.WriteString(w, "\uFEFF"); err != nil {
			return nil, err
		}
	}
	cw := &csvWriter{w: csv.NewWriter(w), raw: raw}
	return cw, cw.w.Write(csvColumns)
}

func (cw *csvWriter) record(r *attribution.Record) error {
	conf := ""
	if r.Confidence != nil {
		conf = strconv.FormatFloat(*r.Confidence, 'f', -1, 64)
	}
	row := []string{r.ID, deref(r.Speaker), deref(r.Role), deref(r.SaidOn), r.Quote, string(r.Kind), deref(r.Outlet),
		deref(r.Published), deref(r.URL), r.Article, deref(r.Cue), deref(r.Mention), deref(r.Credited), conf}
	if !cw.raw {
		for i, cell := range row {
			row[i] = neutralize(cell)
		}
	}
	return cw.w.Write(row)
}

func (cw *csvWriter) flush() error {
	cw.w.Flush()
	return cw.w.Error()
}

// neutralize keeps a spreadsheet from evaluating a cell as a formula
// (OWASP CSV injection; ENGINEERING.md §6.5): a cell starting with = + - @,
// a tab, a carriage return or NUL gets a leading apostrophe.
func neutralize(cell string) string {
	// Look past invisible format characters and spaces a spreadsheet
	// ignores (a bidi mark before "="), and at full-width signs.
	for _, r := range cell {
		switch {
		case r == '=' || r == '+' || r == '-' || r == '@' || r == '\t' || r == '\r' || r == 0,
			r == '＝' || r == '＋' || r == '－' || r == '＠':
			return "'" + cell
		case unicode.Is(unicode.Cf, r) || r == ' ' || r == '\u00a0':
			continue
		}
		return cell
	}
	return cell
}
