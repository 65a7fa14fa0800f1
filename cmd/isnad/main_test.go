package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"isnad": main})
}

// TestScripts runs the end-to-end CLI workflows of testdata/script/*.txtar.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: filepath.Join("testdata", "script")})
}

// runIsnad runs the CLI in-process and returns its exit status and output.
func runIsnad(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), append([]string{"isnad"}, args...), strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestGoldenSample extracts the bundled sample corpus and compares the
// output with the golden files (go test ./cmd/isnad -run Golden -update
// rewrites them).
func TestGoldenSample(t *testing.T) {
	sample := filepath.Join("..", "..", "testdata", "sample")
	tests := []struct {
		name   string
		args   []string
		golden string
	}{
		{"jsonl articles as jsonl records", []string{"extract", filepath.Join(sample, "articles.jsonl")}, "sample-articles.jsonl"},
		{"txt pages as text", []string{"extract", "--format", "text", filepath.Join(sample, "pages")}, "sample-pages.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runIsnad(t, "", tt.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			path := filepath.Join("..", "..", "testdata", "golden", tt.golden)
			if *update {
				if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if out != string(want) {
				t.Errorf("output differs from %s (run with -update after checking the change):\n%s", path, firstDiff(string(want), out))
			}
			// Idempotence: a second run gives the same bytes.
			if _, again, _ := runIsnad(t, "", tt.args...); again != out {
				t.Error("second run differs from the first")
			}
		})
	}
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\nwant: " + a + "\ngot:  " + b
		}
	}
	return ""
}
