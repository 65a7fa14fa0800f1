package compare

import (
	"fmt"
	"html/template"
	"io"
	"strings"
)

// WriteText writes the report for a terminal: deletions and insertions
// in colour when color is true, else marked [-…-] and {+…+}.
func WriteText(w io.Writer, r Report, color bool) error {
	del, ins, end, dim := "[-", "{+", "", ""
	delEnd, insEnd := "-]", "+}"
	if color {
		del, ins, delEnd, insEnd, end, dim = "\033[31;9m", "\033[32m", "\033[0m", "\033[0m", "\033[0m", "\033[2m"
	}
	if len(r.Statements) == 0 {
		_, err := fmt.Fprintln(w, "no statement is quoted by more than one outlet")
		return err
	}
	for _, st := range r.Statements {
		fmt.Fprintf(w, "== %s · %s · %d versions\n", dash(st.Speaker), dash(st.SaidOn), len(st.Versions))
		fmt.Fprintf(w, "   «%s»\n", st.Text)
		for i, v := range st.Versions {
			label := "reference"
			if i > 0 {
				label = fmt.Sprintf("similarity %.2f", v.Similarity)
				if len(v.Changes) > 0 {
					label += " · " + strings.Join(v.Changes, ", ")
				}
			}
			credit := ""
			if v.Credited != "" {
				credit = " (credits " + v.Credited + ")"
			}
			if n := v.NameNote(st); n != "" {
				credit += " · as " + n
			}
			fmt.Fprintf(w, "-- %s · %s%s · %s%s%s\n", dash(v.Outlet), dash(v.Published), credit, dim, label, end)
			if i == 0 {
				continue
			}
			var b strings.Builder
			for _, d := range v.Diff {
				switch d.Op {
				case "delete":
					b.WriteString(del + d.Text + delEnd + " ")
				case "insert":
					b.WriteString(ins + d.Text + insEnd + " ")
				default:
					b.WriteString(d.Text + " ")
				}
			}
			fmt.Fprintf(w, "   %s\n", strings.TrimSpace(b.String()))
		}
		if _, err := fmt.Fprintln(w); err != nil {
			return err
		}
	}
	return nil
}

// WriteMarkdown writes the report for a newsroom chat or a ticket:
// deletions struck through, insertions in bold.
func WriteMarkdown(w io.Writer, r Report) error {
	fmt.Fprintln(w, "# Compare sources")
	if len(r.Statements) == 0 {
		_, err := fmt.Fprintln(w, "\nNo statement is quoted by more than one outlet.")
		return err
	}
	for _, st := range r.Statements {
		fmt.Fprintf(w, "\n## %s — %s\n\n> %s\n\n", md(dash(st.Speaker)), dash(st.SaidOn), md(st.Text))
		for i, v := range st.Versions {
			fmt.Fprintf(w, "- **%s** (%s)", md(dash(v.Outlet)), dash(v.Published))
			if v.Credited != "" {
				fmt.Fprintf(w, ", credits %s", md(v.Credited))
			}
			if n := v.NameNote(st); n != "" {
				fmt.Fprintf(w, ", as %s", md(n))
			}
			if i == 0 {
				fmt.Fprintln(w, ": reference")
				continue
			}
			fmt.Fprintf(w, ": similarity %.2f", v.Similarity)
			if len(v.Changes) > 0 {
				fmt.Fprintf(w, ", `%s`", strings.Join(v.Changes, "` `"))
			}
			fmt.Fprint(w, "\n  ")
			for _, d := range v.Diff {
				switch d.Op {
				case "delete":
					fmt.Fprintf(w, "~~%s~~ ", md(d.Text))
				case "insert":
					fmt.Fprintf(w, "**%s** ", md(d.Text))
				default:
					fmt.Fprintf(w, "%s ", md(d.Text))
				}
			}
			fmt.Fprintln(w)
		}
	}
	return nil
}

// NameNote returns how the version names the speaker when that differs
// from the statement's name for them (ترمب for ترامب, الرئيس الأميركي,
// a first name alone), else "".
func (v Version) NameNote(st Statement) string {
	if v.Speaker == "" || v.Speaker == st.Speaker {
		return ""
	}
	return v.Speaker
}

// md escapes the characters Markdown would read as markup.
func md(s string) string {
	return strings.NewReplacer("\\", "\\\\", "*", "\\*", "_", "\\_", "~", "\\~", "`", "\\`", "[", "\\[", "]", "\\]", "<", "&lt;", ">", "&gt;", "|", "\\|", "#", "\\#").Replace(s)
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// page is the self-contained right-to-left HTML report: no external
// assets, every field escaped by html/template.
var page = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html dir="rtl" lang="ar">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>isnad — compare sources</title>
<style>
body{font-family:"Noto Naskh Arabic","Amiri","Arial",sans-serif;margin:2em auto;max-width:60em;line-height:1.7;color:#1b1b1b;background:#fdfdfb}
h1{font-size:1.5em}
section{border:1px solid #ddd;border-radius:8px;padding:1em 1.2em;margin:1.2em 0;background:#fff}
h2{font-size:1.15em;margin:0 0 .4em}
blockquote{margin:.4em 0 .8em;padding:.4em .8em;border-inline-start:4px solid #888;background:#f4f4f0}
.version{margin:.6em 0;padding-top:.4em;border-top:1px dashed #e2e2e2}
.meta{font-size:.9em;color:#555}
.badge{display:inline-block;font-size:.8em;padding:0 .5em;margin-inline-start:.3em;border-radius:1em;background:#eee;color:#333}
.badge.number{background:#fde2c4}.badge.negation{background:#f9c0c0}.badge.omission{background:#d7e3fc}.badge.addition{background:#d4f2d4}.badge.wording{background:#eee3f7}
del{background:#fbd3d3;color:#8a1010}
ins{background:#cff2cf;color:#0b5d0b;text-decoration:none}
.empty{color:#777}
</style>
</head>
<body>
<h1>مقارنة المصادر · isnad</h1>
{{if not .Statements}}<p class="empty">No statement is quoted by more than one outlet.</p>{{end}}
{{range $st := .Statements}}<section id="s{{.ID}}">
<h2>{{if .Speaker}}{{.Speaker}}{{else}}—{{end}} · <span class="meta">{{if .SaidOn}}{{.SaidOn}}{{else}}—{{end}} · {{len .Versions}} versions</span></h2>
<blockquote>{{.Text}}</blockquote>
{{range $i, $v := .Versions}}<div class="version">
<div class="meta"><strong>{{if $v.Outlet}}{{$v.Outlet}}{{else}}—{{end}}</strong> · {{$v.Published}}{{if $v.Credited}} · credits {{$v.Credited}}{{end}}{{with $v.NameNote $st}} · as <span class="name">{{.}}</span>{{end}}{{if eq $i 0}} · reference{{else}} · similarity {{printf "%.2f" $v.Similarity}}{{range $v.Changes}}<span class="badge {{.}}">{{.}}</span>{{end}}{{end}}</div>
{{if ne $i 0}}<p>{{range $v.Diff}}{{if eq .Op "delete"}}<del>{{.Text}}</del> {{else if eq .Op "insert"}}<ins>{{.Text}}</ins> {{else}}{{.Text}} {{end}}{{end}}</p>{{end}}
</div>
{{end}}</section>
{{end}}
</body>
</html>
`))

// WriteHTML writes the report as one self-contained right-to-left page.
func WriteHTML(w io.Writer, r Report) error {
	return page.Execute(w, r)
}
