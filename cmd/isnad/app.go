package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"

	"github.com/urfave/cli/v2"

	"github.com/isnad/isnad/store"
)

// Exit statuses, decided in exactly one place (exitCode) and listed in the
// help text.
const (
	exitOK          = 0
	exitUsage       = 1
	exitInputFailed = 2
	exitLocked      = 3
	exitNewer       = 4
	exitInterrupted = 130
)

const exitHelp = `EXIT STATUS:
   0    success
   1    usage error (unknown flag, missing argument, bad value) or another failure that stopped the run
   2    some inputs could not be read (each is named on stderr); the others were processed
   3    the database is in use by another isnad process (a writer: ingest, alias)
   4    the database was written by a newer isnad
   130  interrupted (Ctrl-C); an ingest keeps every batch it committed`

// env is what a command needs from the process: its streams. Commands
// never touch os.Stdin/os.Stdout directly, so tests run them in-process.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	args   []string // the raw command line, to see a "--" the flag parser consumed

	cpuProfile *os.File // open while --cpuprofile records

	warnMu sync.Mutex // warn is called from the reader and the pipeline
}

// startProfiles starts the CPU profile that --cpuprofile asks for.
func (e *env) startProfiles(c *cli.Context) error {
	path := c.String("cpuprofile")
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return usagef("--cpuprofile: %v", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("start CPU profile: %w", err)
	}
	e.cpuProfile = f
	return nil
}

// stopProfiles ends the CPU profile and writes the heap profile.
func (e *env) stopProfiles(c *cli.Context) error {
	if e.cpuProfile != nil {
		pprof.StopCPUProfile()
		if err := e.cpuProfile.Close(); err != nil {
			return fmt.Errorf("write CPU profile: %w", err)
		}
		e.cpuProfile = nil
	}
	path := c.String("memprofile")
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return usagef("--memprofile: %v", err)
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		return fmt.Errorf("write heap profile: %w", err)
	}
	return nil
}

// usageError is a mistake in how the command was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// errInputsFailed says that some inputs were skipped; they were already
// named on stderr.
var errInputsFailed = errors.New("some inputs could not be read")

// run builds the app, runs it and maps the outcome to an exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, args: args}
	app := newApp(e)
	err := app.RunContext(ctx, args)
	return exitCode(ctx, err, stderr)
}

func exitCode(ctx context.Context, err error, stderr io.Writer) int {
	switch {
	case err == nil:
		return exitOK
	case ctx.Err() != nil && errors.Is(err, ctx.Err()):
		fmt.Fprintln(stderr, "isnad: interrupted")
		return exitInterrupted
	case errors.Is(err, errInputsFailed):
		fmt.Fprintln(stderr, "isnad:", err)
		return exitInputFailed
	case errors.Is(err, store.ErrLocked):
		fmt.Fprintln(stderr, "isnad:", store.ErrLocked.Error()+"; wait for it to finish, or give another --db")
		return exitLocked
	case errors.Is(err, store.ErrNewer):
		fmt.Fprintln(stderr, "isnad:", err)
		return exitNewer
	}
	// Usage errors (ours and urfave/cli's flag errors) and anything else
	// that stopped the command.
	fmt.Fprintln(stderr, "isnad:", err)
	return exitUsage
}

func newApp(e *env) *cli.App {
	app := &cli.App{
		Name:  "isnad",
		Usage: "track who said what in Arabic news",
		Description: `isnad finds the quotations in Arabic news articles (text in “…”, «…», "…"), says
what each is (direct speech, a partial quote, or a name or term in marks), who
said it and when, keeps them in one database, looks them up by speaker, exports
them, and compares how different outlets reported the same statement.

Inputs are .txt pages (one article a file), article JSONL (.jsonl/.ndjson, one
{"id","outlet","url","published","title","text"} per line), directories (read
recursively), or - for standard input; gzip-compressed files (.gz) are read too.
Flags go before paths.

Examples:
   isnad extract --format text testdata/sample/articles.jsonl
   cat articles.jsonl | isnad extract - > quotes.jsonl
   isnad ingest testdata/sample/articles.jsonl
   isnad quotes --speaker لافروف
   isnad speakers --top 20
   isnad export --format csv -o quotes.csv
   isnad compare --changed --format html -o report.html
   isnad --db /tmp/test.db stats
   isnad eval --gold gold.jsonl articles.jsonl

The database is $XDG_DATA_HOME/isnad/isnad.db unless --db or ISNAD_DB names another.

` + exitHelp,
		Writer:    e.stdout,
		ErrWriter: e.stderr,
		Reader:    e.stdin,
		Flags: []cli.Flag{dbFlag(),
			&cli.StringFlag{Name: "cpuprofile", Usage: "write a CPU profile of the run to `FILE` (go tool pprof)"},
			&cli.StringFlag{Name: "memprofile", Usage: "write a heap profile at the end of the run to `FILE`"},
		},
		Before: e.startProfiles,
		After:  e.stopProfiles,
		Commands: []*cli.Command{
			newExtractCommand(e),
			newIngestCommand(e),
			newQuotesCommand(e),
			newSpeakersCommand(e),
			newAliasCommand(e),
			newExportCommand(e),
			newCompareCommand(e),
			newStatsCommand(e),
			newEvalCommand(e),
		},
		// Decide exit statuses in run, never behind the caller's back.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError:   onUsageError,
	}
	for _, c := range app.Commands {
		c.OnUsageError = onUsageError
	}
	return app
}

// formatFlag checks the value of a --format flag against the formats a
// command writes.
func formatFlag(c *cli.Context, formats ...string) (string, error) {
	f := c.String("format")
	for _, ok := range formats {
		if f == ok {
			return f, nil
		}
	}
	want := strings.Join(formats[:len(formats)-1], ", ") + " or " + formats[len(formats)-1]
	return "", usagef("--format %q: want %s", f, want)
}

// onUsageError turns a flag parse error into a usage error with a hint,
// instead of urfave/cli's "Incorrect Usage" and full help on stdout, where
// it would mix with data.
func onUsageError(c *cli.Context, err error, _ bool) error {
	name := "isnad"
	if c.Command != nil && c.Command.Name != "" {
		name += " " + c.Command.Name
	}
	return usagef("%v (see \"%s --help\")", err, name)
}

// paths returns the positional arguments of a command, refusing a flag
// written after a path: urfave/cli would silently take it for a path
// (ENGINEERING.md §5.1). A literal "--" turns the check off for file names
// that start with a dash. With no path and piped input, it reads standard
// input.
func (e *env) paths(c *cli.Context) ([]string, error) {
	var args []string
	// urfave/cli drops a "--" written before the first path and keeps one
	// written after it.
	dashdash := slices.Contains(e.args, "--") && !slices.Contains(c.Args().Slice(), "--")
	for _, a := range c.Args().Slice() {
		switch {
		case dashdash:
			args = append(args, a)
		case a == "--":
			dashdash = true
		case len(a) > 1 && strings.HasPrefix(a, "-"):
			return nil, usagef("%s: flags go before paths (write \"isnad %s %s ... PATH...\"; use -- before a file name that starts with a dash)", a, c.Command.Name, a)
		default:
			args = append(args, a)
		}
	}
	if len(args) == 0 {
		if f, ok := e.stdin.(*os.File); ok {
			if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice == 0 {
				return []string{"-"}, nil
			}
		}
		return nil, usagef("%s: no input: give files, directories, or - for standard input", c.Command.Name)
	}
	return args, nil
}

// warn prints a problem with one input on stderr and goes on.
func (e *env) warn(err error) {
	e.warnMu.Lock()
	defer e.warnMu.Unlock()
	fmt.Fprintln(e.stderr, "isnad:", err)
}
