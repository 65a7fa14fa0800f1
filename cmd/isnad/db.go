package main

import (
	"errors"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/isnad/isnad/store"
)

// dbFlag is --db, accepted before the command name (a global flag) and
// after it (a command flag). ISNAD_DB is read by dbPath, not by the flag,
// so that a flag given on the command line always wins over it.
func dbFlag() *cli.StringFlag {
	return &cli.StringFlag{
		Name:  "db",
		Usage: "database file (default $ISNAD_DB, else $XDG_DATA_HOME/isnad/isnad.db)",
	}
}

// defaultDB is $XDG_DATA_HOME/isnad/isnad.db, or ~/.local/share/isnad/isnad.db.
func defaultDB() string {
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		if home, err := os.UserHomeDir(); err == nil {
			dir = filepath.Join(home, ".local", "share")
		} else {
			dir = "."
		}
	}
	return filepath.Join(dir, "isnad", "isnad.db")
}

// dbPath returns the database the command line names: the command's own
// --db, the global one, ISNAD_DB, or the default.
func dbPath(c *cli.Context) string {
	for _, ctx := range c.Lineage() {
		if ctx.IsSet("db") {
			if p := ctx.String("db"); p != "" {
				return p
			}
		}
	}
	if p := os.Getenv("ISNAD_DB"); p != "" {
		return p
	}
	return defaultDB()
}

// openForReading starts a command that reads the database: no arguments,
// a --format among formats, the database opened read-only.
func openForReading(c *cli.Context, formats ...string) (string, *store.DB, error) {
	if err := noArgs(c); err != nil {
		return "", nil, err
	}
	format, err := formatFlag(c, formats...)
	if err != nil {
		return "", nil, err
	}
	db, err := openDB(c, true)
	if err != nil {
		return "", nil, err
	}
	return format, db, nil
}

// openDB opens the command's database; readers open it read-only so that
// several can run together.
func openDB(c *cli.Context, readOnly bool) (*store.DB, error) {
	path := dbPath(c)
	if readOnly {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return nil, usagef("no database at %s yet: run \"isnad ingest\" first, or give --db", path)
		}
	}
	return store.Open(path, store.Options{ReadOnly: readOnly})
}
