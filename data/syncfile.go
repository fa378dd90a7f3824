package data

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"salesplan/app"
)

// A change file is gzip-compressed text, one record a line: a header
// (format, kind, folder, device, segment, clock, how it is authenticated),
// then rows, history batches (a batch line, its names, its sales as
// tab-separated integers), and an end line with the number of records and
// the SHA-256 (or, with a team key, the HMAC-SHA256) of every line before
// it. A file without a valid end line is incomplete or damaged and nothing
// of it is applied.

const (
	fileFormat  = "salesplan-changes"
	fileVersion = 1

	kindChanges = "changes"
	kindPlan    = "plan"
	kindHistory = "history"

	authSum  = "sha256"
	authHMAC = "hmac-sha256"

	maxLineBytes    = 4 << 20            // one record
	maxTextBytes    = 1 << 20            // one text value
	maxFileBytes    = 4 << 30            // uncompressed
	maxFileRows     = 5_000_000          // rows in one file
	maxBatchSales   = 50_000_000         // sales in one batch
	futureTolerance = 7 * 24 * time.Hour // a clock further ahead is refused
)

type fileHeader struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	Kind    string `json:"kind"`
	Folder  string `json:"folder,omitempty"`
	Device  string `json:"device"`
	Segment int64  `json:"segment,omitempty"`
	Created string `json:"created"`
	Clock   uint64 `json:"clock"`
	Auth    string `json:"auth"`
}

// wireField is one field of a row in a file: [value, version, base].
type wireField struct {
	Value any
	Ver   string
	Base  string
}

func (f wireField) MarshalJSON() ([]byte, error) { return json.Marshal([]any{f.Value, f.Ver, f.Base}) }

func (f *wireField) UnmarshalJSON(b []byte) error {
	var a []json.RawMessage
	if err := json.Unmarshal(b, &a); err != nil {
		return err
	}
	if len(a) != 3 {
		return errors.New("a field needs a value, a version and a base")
	}
	if err := json.Unmarshal(a[1], &f.Ver); err != nil {
		return errors.New("a field's version is not text")
	}
	if err := json.Unmarshal(a[2], &f.Base); err != nil {
		return errors.New("a field's base version is not text")
	}
	raw := bytes.TrimSpace(a[0])
	switch {
	case len(raw) == 0:
		return errors.New("a field has no value")
	case raw[0] == '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return err
		}
		f.Value = s
	case string(raw) == "null":
		f.Value = nil
	case raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9':
		f.Value = json.Number(raw)
	default:
		return errors.New("a field's value is neither text nor a number")
	}
	return nil
}

type wireRow struct {
	T  string               `json:"t"`
	ID string               `json:"id"`
	P  string               `json:"p,omitempty"`
	G  string               `json:"g,omitempty"`
	K  *wireField           `json:"k,omitempty"`
	F  map[string]wireField `json:"f"`
}

type wireBatch struct {
	Business   string `json:"business"`
	SHA256     string `json:"sha256"`
	Source     string `json:"source"`
	ImportedAt string `json:"imported_at"`
	Rows       int64  `json:"rows"`
	Names      int64  `json:"names"`
}

type wireName struct {
	ID   int64  `json:"id"`
	Kind int    `json:"kind"`
	Name string `json:"name"`
}

type wireEnd struct {
	Records int64  `json:"records"`
	Sum     string `json:"sum"`
}

type wireLine struct {
	Row   *wireRow   `json:"row,omitempty"`
	Batch *wireBatch `json:"batch,omitempty"`
	Name  *wireName  `json:"name,omitempty"`
	End   *wireEnd   `json:"end,omitempty"`
}

// fileWriter writes a change file.
type fileWriter struct {
	gz      *gzip.Writer
	mac     hash.Hash
	w       io.Writer
	records int64
	buf     []byte
}

func newFileWriter(out io.Writer, key []byte, hdr fileHeader) (*fileWriter, error) {
	gz, err := gzip.NewWriterLevel(out, gzip.BestSpeed)
	if err != nil {
		return nil, err
	}
	fw := &fileWriter{gz: gz}
	hdr.Format, hdr.Version = fileFormat, fileVersion
	if len(key) > 0 {
		hdr.Auth = authHMAC
		fw.mac = hmac.New(sha256.New, key)
	} else {
		hdr.Auth = authSum
		fw.mac = sha256.New()
	}
	fw.w = io.MultiWriter(gz, fw.mac)
	if err := fw.json(hdr); err != nil {
		return nil, err
	}
	return fw, nil
}

func (fw *fileWriter) json(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	fw.records++
	b = append(b, '\n')
	_, err = fw.w.Write(b)
	return err
}

func (fw *fileWriter) sale(day, amount int64, qty float64, names [6]int64, line int64) error {
	b := fw.buf[:0]
	b = append(b, 's', '\t')
	b = strconv.AppendInt(b, day, 10)
	b = append(b, '\t')
	b = strconv.AppendInt(b, amount, 10)
	b = append(b, '\t')
	b = strconv.AppendFloat(b, qty, 'g', -1, 64)
	for _, n := range names {
		b = append(b, '\t')
		b = strconv.AppendInt(b, n, 10)
	}
	b = append(b, '\t')
	b = strconv.AppendInt(b, line, 10)
	b = append(b, '\n')
	fw.buf = b
	fw.records++
	_, err := fw.w.Write(b)
	return err
}

// row writes a row as one tab-separated line: "r", table, ID, plan,
// group (quoted), position key, its version and base ("-" for none), then
// per field its name, version, base and value (n: null, i: integer, f:
// number, s: quoted text).
func (fw *fileWriter) row(r *wireRow) error {
	b := fw.buf[:0]
	b = append(b, "r\t"...)
	b = append(b, r.T...)
	b = append(b, '\t')
	b = append(b, r.ID...)
	b = append(b, '\t')
	b = append(b, r.P...)
	b = append(b, '\t')
	b = strconv.AppendQuote(b, r.G)
	if r.K != nil {
		k, _ := r.K.Value.(string)
		b = append(b, '\t')
		b = append(b, k...)
		b = append(b, '\t')
		b = append(b, r.K.Ver...)
		b = append(b, '\t')
		b = append(b, orDash(r.K.Base)...)
	} else {
		b = append(b, "\t-\t-\t-"...)
	}
	names := make([]string, 0, len(r.F))
	for n := range r.F {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		f := r.F[n]
		b = append(b, '\t')
		b = append(b, n...)
		b = append(b, '\t')
		b = append(b, f.Ver...)
		b = append(b, '\t')
		b = append(b, orDash(f.Base)...)
		b = append(b, '\t')
		switch v := f.Value.(type) {
		case nil:
			b = append(b, 'n')
		case int64:
			b = append(b, 'i')
			b = strconv.AppendInt(b, v, 10)
		case float64:
			b = append(b, 'f')
			b = strconv.AppendFloat(b, v, 'g', -1, 64)
		case string:
			b = append(b, 's')
			b = strconv.AppendQuote(b, v)
		default:
			return fmt.Errorf("%s %s: field %s holds a %T", r.T, r.ID, n, v)
		}
	}
	b = append(b, '\n')
	fw.buf = b
	fw.records++
	_, err := fw.w.Write(b)
	return err
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func undash(s string) string {
	if s == "-" {
		return ""
	}
	return s
}

// parseRow reads a row line written by fileWriter.row.
func parseRow(line []byte) (*wireRow, error) {
	parts := strings.Split(strings.TrimSuffix(string(line), "\n"), "\t")
	if len(parts) < 8 || (len(parts)-8)%4 != 0 || parts[0] != "r" {
		return nil, problem(false, "a row record has %d parts", len(parts))
	}
	g, err := strconv.Unquote(parts[4])
	if err != nil {
		return nil, problem(false, "a row record's group is not readable")
	}
	r := &wireRow{T: parts[1], ID: parts[2], P: parts[3], G: g, F: make(map[string]wireField, (len(parts)-8)/4)}
	if parts[5] != "-" {
		r.K = &wireField{Value: parts[5], Ver: parts[6], Base: undash(parts[7])}
	}
	for i := 8; i < len(parts); i += 4 {
		v := parts[i+3]
		if v == "" {
			return nil, problem(false, "field %s of a row of %s has no value", parts[i], r.T)
		}
		var val any
		switch v[0] {
		case 'n':
			if v != "n" {
				return nil, problem(false, "field %s of a row of %s is not readable", parts[i], r.T)
			}
		case 'i':
			n, err := strconv.ParseInt(v[1:], 10, 64)
			if err != nil {
				return nil, problem(false, "field %s of a row of %s holds %q, not a whole number", parts[i], r.T, v[1:])
			}
			val = n
		case 'f':
			f, err := strconv.ParseFloat(v[1:], 64)
			if err != nil {
				return nil, problem(false, "field %s of a row of %s holds %q, not a number", parts[i], r.T, v[1:])
			}
			val = f
		case 's':
			s, err := strconv.Unquote(v[1:])
			if err != nil {
				return nil, problem(false, "field %s of a row of %s holds unreadable text", parts[i], r.T)
			}
			val = s
		default:
			return nil, problem(false, "field %s of a row of %s is not readable", parts[i], r.T)
		}
		if _, dup := r.F[parts[i]]; dup {
			return nil, problem(false, "a row of %s names the field %s twice", r.T, parts[i])
		}
		r.F[parts[i]] = wireField{Value: val, Ver: parts[i+1], Base: undash(parts[i+2])}
	}
	return r, nil
}

func (fw *fileWriter) close() error {
	end := wireLine{End: &wireEnd{Records: fw.records, Sum: hex.EncodeToString(fw.mac.Sum(nil))}}
	b, err := json.Marshal(end)
	if err != nil {
		return err
	}
	if _, err := fw.gz.Write(append(b, '\n')); err != nil {
		return err
	}
	return fw.gz.Close()
}

// fileProblem is why a file was skipped; retry says it may be complete
// later (still being copied).
type fileProblem struct {
	msg   string
	retry bool
}

func (p *fileProblem) Error() string { return p.msg }

func problem(retry bool, format string, args ...any) error {
	return &fileProblem{msg: fmt.Sprintf(format, args...), retry: retry}
}

// lineReader reads a change file line by line, checking its sum.
type lineReader struct {
	br      *bufio.Reader
	mac     hash.Hash
	hdr     fileHeader
	records int64
	read    int64
	done    bool
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.n > maxFileBytes {
		return n, problem(false, "it is larger than %d bytes unpacked", int64(maxFileBytes))
	}
	return n, err
}

func newLineReader(r io.Reader, key []byte) (*lineReader, error) {
	br := bufio.NewReader(r)
	if magic, err := br.Peek(2); err != nil {
		return nil, problem(true, "it is empty or still being copied")
	} else if magic[0] != 0x1f || magic[1] != 0x8b {
		return nil, problem(false, "it is not a Salesplan change or plan file")
	}
	gz, err := gzip.NewReader(br)
	if err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, problem(true, "it is empty or still being copied")
		}
		return nil, problem(false, "it is not a Salesplan change file")
	}
	gz.Multistream(false)
	lr := &lineReader{br: bufio.NewReaderSize(&countingReader{r: gz}, 64<<10)}
	first, err := lr.rawLine()
	if err != nil {
		return nil, err
	}
	var h fileHeader
	if err := json.Unmarshal(first, &h); err != nil || h.Format != fileFormat {
		return nil, problem(false, "it is not a Salesplan change file")
	}
	if h.Version != fileVersion {
		return nil, problem(false, "it was written by another version of Salesplan (format %d; this version reads %d)", h.Version, fileVersion)
	}
	switch h.Kind {
	case kindChanges, kindPlan, kindHistory:
	default:
		return nil, problem(false, "it holds %q, which this version does not know", h.Kind)
	}
	if len(h.Device) != deviceIDLen || !isHex(h.Device) {
		return nil, problem(false, "its device ID %q is not valid", h.Device)
	}
	switch {
	case h.Auth == authHMAC && len(key) == 0:
		return nil, problem(false, "it was made with a team key; sync with --key-file to read it")
	case h.Auth == authHMAC:
		lr.mac = hmac.New(sha256.New, key)
	case h.Auth == authSum && len(key) > 0:
		return nil, problem(false, "it was not made with the team key")
	case h.Auth == authSum:
		lr.mac = sha256.New()
	default:
		return nil, problem(false, "it is authenticated in an unknown way (%q)", h.Auth)
	}
	lr.mac.Write(first)
	lr.records = 1
	lr.hdr = h
	return lr, nil
}

func (lr *lineReader) rawLine() ([]byte, error) {
	line, err := lr.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		var long []byte
		long = append(long, line...)
		for errors.Is(err, bufio.ErrBufferFull) {
			line, err = lr.br.ReadSlice('\n')
			long = append(long, line...)
			if len(long) > maxLineBytes {
				return nil, problem(false, "a record is longer than %d bytes", maxLineBytes)
			}
		}
		line = long
	}
	if err != nil {
		var fp *fileProblem
		if errors.As(err, &fp) {
			return nil, err
		}
		return nil, problem(true, "it ends early: it is still being copied or was cut off")
	}
	lr.read += int64(len(line))
	return line, nil
}

// next returns the next record line (with its newline), or io.EOF after a
// valid end line.
func (lr *lineReader) next() ([]byte, error) {
	if lr.done {
		return nil, io.EOF
	}
	line, err := lr.rawLine()
	if err != nil {
		return nil, err
	}
	if bytes.HasPrefix(line, []byte(`{"end":`)) {
		var l wireLine
		if err := json.Unmarshal(line, &l); err != nil || l.End == nil {
			return nil, problem(false, "its end record is damaged")
		}
		want := hex.EncodeToString(lr.mac.Sum(nil))
		if !hmac.Equal([]byte(want), []byte(l.End.Sum)) {
			if lr.hdr.Auth == authHMAC {
				return nil, problem(false, "it was not made with this team key (or it was changed)")
			}
			return nil, problem(false, "its content does not match its checksum (it is damaged)")
		}
		if l.End.Records != lr.records {
			return nil, problem(false, "it says it holds %d records but holds %d", l.End.Records, lr.records)
		}
		if _, err := lr.br.ReadByte(); err != io.EOF {
			return nil, problem(false, "it goes on after its end record")
		}
		lr.done = true
		return nil, io.EOF
	}
	lr.mac.Write(line)
	lr.records++
	if lr.records > maxFileRows+maxBatchSales {
		return nil, problem(false, "it holds too many records")
	}
	return line, nil
}

// parseSale reads a tab-separated sales line.
func parseSale(line []byte) (day, amount int64, qty float64, names [6]int64, src int64, err error) {
	parts := bytes.Split(bytes.TrimRight(line[2:], "\n"), []byte{'\t'})
	if len(parts) != 10 {
		return 0, 0, 0, names, 0, problem(false, "a sales record has %d fields instead of 10", len(parts))
	}
	ints := make([]int64, 10)
	for i, p := range parts {
		if i == 2 {
			qty, err = strconv.ParseFloat(string(p), 64)
		} else {
			ints[i], err = strconv.ParseInt(string(p), 10, 64)
		}
		if err != nil {
			return 0, 0, 0, names, 0, problem(false, "a sales record holds %q, not a number", p)
		}
	}
	copy(names[:], ints[3:9])
	day, amount, src = ints[0], ints[1], ints[9]
	if day < 19000101 || day > 29991231 || day%100 < 1 || day%100 > 31 || (day/100)%100 < 1 || (day/100)%100 > 12 {
		return 0, 0, 0, names, 0, problem(false, "a sales record has the impossible day %d", day)
	}
	return day, amount, qty, names, src, nil
}

// decodeRecord reads one JSON record line.
func decodeRecord(line []byte) (wireLine, error) {
	var l wireLine
	d := json.NewDecoder(bytes.NewReader(line))
	d.UseNumber()
	if err := d.Decode(&l); err != nil {
		return l, problem(false, "a record is not readable (%v)", err)
	}
	return l, nil
}

var (
	idRE    = regexp.MustCompile(`^[0-9A-Za-z_-]{1,64}$`)
	tableRE = regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}$`)
	shaRE   = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// rowProblem is a row of a file whose value does not fit its column: the
// row is left out (and said so), the rest of the file is applied.
type rowProblem struct{ msg string }

func (p *rowProblem) Error() string { return p.msg }

// rowChange is a validated row from a file, ready to merge.
type rowChange struct {
	Table  string               `json:"t"`
	ID     string               `json:"id"`
	Plan   string               `json:"p"`
	Group  string               `json:"g"`
	Key    *wireField           `json:"k,omitempty"`
	Fields map[string]wireField `json:"f"`
}

// validateRow checks a row from a file against the schema: the table and
// its columns, the value of each column's kind and size, the versions.
// A row of a table this workspace does not know is kept for later.
func (db *DB) validateRow(r *wireRow, limit HLC) (rowChange, error) {
	rc := rowChange{Table: r.T, ID: r.ID, Plan: r.P, Group: r.G, Key: r.K, Fields: r.F}
	if !tableRE.MatchString(r.T) || strings.HasPrefix(r.T, "sync_") || strings.HasPrefix(r.T, "sqlite") {
		return rc, problem(false, "it names the table %q", r.T)
	}
	if !idRE.MatchString(r.ID) || (r.P != "" && !idRE.MatchString(r.P)) {
		return rc, problem(false, "a row of %s has an impossible ID", r.T)
	}
	if len(r.G) > 256 {
		return rc, problem(false, "a row of %s has an impossible group", r.T)
	}
	if len(r.F) == 0 || len(r.F) > 200 {
		return rc, problem(false, "a row of %s has %d fields", r.T, len(r.F))
	}
	if r.K != nil {
		k, ok := r.K.Value.(string)
		if !ok || !validKey(k) || !validVersion(r.K.Ver, limit) || (r.K.Base != "" && !validVersion(r.K.Base, limit)) {
			return rc, problem(false, "a row of %s has an impossible position", r.T)
		}
	}
	st := db.syncTable(r.T)
	for name, f := range r.F {
		if !validVersion(f.Ver, limit) || (f.Base != "" && !validVersion(f.Base, limit)) {
			if version(f.Ver).clock() > limit {
				return rc, problem(false, "it was written with a clock more than a week ahead (%s); correct that device's date and time", version(f.Ver).clock().Time().Format(time.RFC3339))
			}
			return rc, problem(false, "field %s of a row of %s has an impossible version", name, r.T)
		}
		if st == nil {
			if !tableRE.MatchString(name) {
				return rc, problem(false, "a row of %s has the field %q", r.T, name)
			}
			continue
		}
		i := st.colIndex(name)
		if i < 0 {
			delete(rc.Fields, name) // a column of a newer version: not kept here
			continue
		}
		v, err := checkValue(st.cols[i], f.Value)
		if err != nil {
			return rc, &rowProblem{fmt.Sprintf("a row of %s was left out: its field %s %v", r.T, name, err)}
		}
		f.Value = v
		rc.Fields[name] = f
	}
	if st != nil {
		if st.planCol == "plan_id" && r.P == "" {
			return rc, problem(false, "a row of %s belongs to no plan", r.T)
		}
		if st.planCol == "id" {
			rc.Plan = r.ID
		}
		if st.planCol == "" {
			rc.Plan = ""
		}
	}
	return rc, nil
}

// checkValue converts a decoded JSON value to the SQL value of the
// column's kind, or says why it cannot be one.
func checkValue(c syncCol, v any) (any, error) {
	if v == nil {
		if c.nullable {
			return nil, nil
		}
		return nil, errors.New("it is empty but must have a value")
	}
	switch c.kind {
	case kInt, kBool, kNullInt:
		var i int64
		switch n := v.(type) {
		case int64:
			i = n
		case json.Number:
			var err error
			if i, err = n.Int64(); err != nil {
				return nil, fmt.Errorf("%s is not a whole number", n)
			}
		default:
			return nil, fmt.Errorf("%v is not a whole number", v)
		}
		if c.kind == kBool && i != 0 && i != 1 {
			return nil, fmt.Errorf("%d is neither yes nor no", i)
		}
		return i, nil
	case kFloat:
		switch n := v.(type) {
		case float64:
			return n, nil
		case int64:
			return float64(n), nil
		case json.Number:
			f, err := n.Float64()
			if err != nil {
				return nil, fmt.Errorf("%s is not a number", n)
			}
			return f, nil
		}
		return nil, fmt.Errorf("%v is not a number", v)
	}
	s, ok := v.(string)
	if !ok {
		return nil, fmt.Errorf("%v is not text", v)
	}
	if len(s) > maxTextBytes {
		return nil, fmt.Errorf("the text is longer than %d bytes", maxTextBytes)
	}
	switch c.kind {
	case kMonth, kMonthPtr:
		if s != "" {
			if _, err := app.ParseMonth(s); err != nil {
				return nil, fmt.Errorf("%q is not a month", s)
			}
		} else if c.kind == kMonth {
			return nil, errors.New("the month is missing")
		}
	case kJSON:
		if !json.Valid([]byte(s)) {
			return nil, errors.New("the list is not readable")
		}
	case kNullText:
		if _, err := time.Parse(time.RFC3339Nano, s); err != nil {
			return nil, fmt.Errorf("%q is not a time", s)
		}
	}
	return s, nil
}

// writeFileAtomically writes a new file at path through a temporary file
// in the same folder, synced and renamed; it never replaces a file.
func writeFileAtomically(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".salesplan-tmp-*")
	if err != nil {
		return explainWrite(err, dir)
	}
	name := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(name)
		}
	}()
	bw := bufio.NewWriterSize(tmp, 256<<10)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return explainWrite(err, path)
	}
	if err := tmp.Sync(); err != nil {
		return explainWrite(err, path)
	}
	if err := tmp.Close(); err != nil {
		return explainWrite(err, path)
	}
	os.Chmod(name, 0o644) // readable like any file the sync app copies
	if _, err := os.Stat(path); err == nil {
		return app.Errorf(app.ErrConflict, "%s already exists; it was not replaced.", path)
	}
	if err := os.Rename(name, path); err != nil {
		return explainWrite(err, path)
	}
	ok = true
	syncDir(dir)
	return nil
}

// exportRows writes the given rows of a synced table (with their field
// versions) to fw.
func exportRows(ctx context.Context, tx *sql.Tx, st *syncTable, ids []string, clocks map[string]*rowClock, fw *fileWriter) error {
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := readRows(ctx, tx, st, `id IN (`+placeholders(len(chunk))+`)`, args)
		if err != nil {
			return err
		}
		for _, r := range rows {
			rc := clocks[r.id]
			if rc == nil {
				continue
			}
			wr := wireRow{T: st.name, ID: r.id, P: r.plan, G: r.grp, F: make(map[string]wireField, len(st.cols))}
			if st.planCol != "plan_id" {
				wr.P = ""
			}
			for i, c := range st.cols {
				f := rc.fields[c.name]
				wr.F[c.name] = wireField{Value: r.vals[i], Ver: string(f.Ver), Base: string(f.Base)}
			}
			if st.pos {
				f := rc.fields[posField]
				wr.K = &wireField{Value: rc.key, Ver: string(f.Ver), Base: string(f.Base)}
			}
			if err := fw.row(&wr); err != nil {
				return err
			}
		}
	}
	return nil
}

// exportBatch writes one history batch (its names and sales) to fw.
func exportBatch(ctx context.Context, tx *sql.Tx, batchID int64, fw *fileWriter) error {
	var b wireBatch
	var at string
	if err := tx.QueryRowContext(ctx, `SELECT business_id, sha256, source, imported_at, rows FROM import_batches WHERE id = ?`, batchID).
		Scan(&b.Business, &b.SHA256, &b.Source, &at, &b.Rows); err != nil {
		return err
	}
	b.ImportedAt = at
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sales_names WHERE business_id = ?`, b.Business).Scan(&b.Names); err != nil {
		return err
	}
	if err := fw.json(wireLine{Batch: &b}); err != nil {
		return err
	}
	names, err := tx.QueryContext(ctx, `SELECT id, kind, name FROM sales_names WHERE business_id = ? ORDER BY id`, b.Business)
	if err != nil {
		return err
	}
	for names.Next() {
		var n wireName
		if err := names.Scan(&n.ID, &n.Kind, &n.Name); err != nil {
			names.Close()
			return err
		}
		if err := fw.json(wireLine{Name: &n}); err != nil {
			names.Close()
			return err
		}
	}
	names.Close()
	rows, err := tx.QueryContext(ctx, `SELECT day, amount, quantity, product, product_group, region, customer, salesperson, channel, source_line
		FROM sales WHERE batch_id = ? ORDER BY id`, batchID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var day, amount, line int64
		var qty float64
		var n [6]int64
		if err := rows.Scan(&day, &amount, &qty, &n[0], &n[1], &n[2], &n[3], &n[4], &n[5], &line); err != nil {
			return err
		}
		if err := fw.sale(day, amount, qty, n, line); err != nil {
			return err
		}
	}
	return rows.Err()
}
