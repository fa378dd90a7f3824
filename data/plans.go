package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"salesplan/app"
)

// NewID returns a new time-ordered UUID (v7) for a content row.
func NewID() string { return uuid.Must(uuid.NewV7()).String() }

// CreateBusiness adds a business (a client) to the workspace.
func (db *DB) CreateBusiness(ctx context.Context, b app.Business) (app.Business, error) {
	err := db.Update(ctx, func(tx *Tx) error {
		var err error
		b, err = tx.CreateBusiness(ctx, b)
		return err
	})
	return b, err
}

// CreateBusiness adds a business (a client) to the workspace.
func (tx *Tx) CreateBusiness(ctx context.Context, b app.Business) (app.Business, error) {
	if err := app.ValidateTitle(b.Name); err != nil {
		return b, err
	}
	if b.Currency == "" {
		b.Currency = "EUR"
	}
	cur, err := app.LookupCurrency(b.Currency)
	if err != nil {
		return b, err
	}
	b.Currency = cur.Code
	b.ID = NewID()
	b.CreatedAt, b.UpdatedAt = tx.Now, tx.Now
	tx.markDirty("businesses", "")
	_, err = tx.tx.ExecContext(ctx, `INSERT INTO businesses (id, name, currency, is_demo, created_at, updated_at) VALUES (?,?,?,?,?,?)`,
		b.ID, strings.TrimSpace(b.Name), b.Currency, b.IsDemo, tx.now(), tx.now())
	return b, err
}

// FindOrCreateBusiness returns the business called name, creating it with
// currency when there is none.
func (db *DB) FindOrCreateBusiness(ctx context.Context, name, currency string) (app.Business, error) {
	var b app.Business
	err := db.Update(ctx, func(tx *Tx) error {
		var err error
		b, err = tx.FindOrCreateBusiness(ctx, name, currency)
		return err
	})
	return b, err
}

// FindOrCreateBusiness returns the business called name (any case),
// creating it with currency when there is none.
func (tx *Tx) FindOrCreateBusiness(ctx context.Context, name, currency string) (app.Business, error) {
	rows, err := tx.tx.QueryContext(ctx, `SELECT id, name FROM businesses WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id`)
	if err != nil {
		return app.Business{}, err
	}
	var found string
	for rows.Next() {
		var id, n string
		if err := rows.Scan(&id, &n); err != nil {
			rows.Close()
			return app.Business{}, err
		}
		if found == "" && strings.EqualFold(n, strings.TrimSpace(name)) {
			found = id
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return app.Business{}, err
	}
	if found != "" {
		return businessIn(ctx, tx.tx, found)
	}
	return tx.CreateBusiness(ctx, app.Business{Name: name, Currency: currency})
}

// Businesses lists the businesses of the workspace by name.
func (db *DB) Businesses(ctx context.Context) ([]app.Business, error) {
	var out []app.Business
	err := db.view(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, name, currency, is_demo, created_at, updated_at FROM businesses WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var b app.Business
			var c, u string
			if err := rows.Scan(&b.ID, &b.Name, &b.Currency, &b.IsDemo, &c, &u); err != nil {
				return err
			}
			b.CreatedAt, b.UpdatedAt = parseTime(c), parseTime(u)
			out = append(out, b)
		}
		return rows.Err()
	})
	return out, err
}

// Business returns one business.
func (db *DB) Business(ctx context.Context, id string) (app.Business, error) {
	var b app.Business
	err := db.view(ctx, func(tx *sql.Tx) error {
		var err error
		b, err = businessIn(ctx, tx, id)
		return err
	})
	return b, err
}

func businessIn(ctx context.Context, tx *sql.Tx, id string) (app.Business, error) {
	var b app.Business
	var c, u string
	err := tx.QueryRowContext(ctx, `SELECT id, name, currency, is_demo, created_at, updated_at FROM businesses WHERE id = ?`, id).
		Scan(&b.ID, &b.Name, &b.Currency, &b.IsDemo, &c, &u)
	if errors.Is(err, sql.ErrNoRows) {
		return b, app.Errorf(app.ErrNotFound, "There is no business with the ID %s in this workspace.", id)
	}
	b.CreatedAt, b.UpdatedAt = parseTime(c), parseTime(u)
	return b, err
}

const planColumns = `p.id, p.business_id, b.name, p.title, p.start_month, p.months, p.currency, p.locale, p.author,
	p.products, p.markets, p.scope_groups, p.scope_regions, p.is_demo, p.last_step, p.last_opened_at,
	p.created_at, p.updated_at, p.deleted_at, p.process_period`

type scanner interface{ Scan(dest ...any) error }

func scanPlan(s scanner) (app.Plan, error) {
	var p app.Plan
	var start, groups, regions, created, updated string
	var opened, deleted sql.NullString
	err := s.Scan(&p.ID, &p.BusinessID, &p.BusinessName, &p.Title, &start, &p.Months, &p.Currency, &p.Locale, &p.Author,
		&p.Products, &p.Markets, &groups, &regions, &p.IsDemo, &p.LastStep, &opened, &created, &updated, &deleted, &p.ProcessPeriod)
	if err != nil {
		return p, err
	}
	if p.Start, err = app.ParseMonth(start); err != nil {
		return p, fmt.Errorf("plan %s: start month %q: %w", p.ID, start, err)
	}
	if err := json.Unmarshal([]byte(groups), &p.Scope.ProductGroups); err != nil {
		return p, fmt.Errorf("plan %s: product-group scope is not readable JSON: %w", p.ID, err)
	}
	if err := json.Unmarshal([]byte(regions), &p.Scope.Regions); err != nil {
		return p, fmt.Errorf("plan %s: region scope is not readable JSON: %w", p.ID, err)
	}
	p.LastOpened = parseTimePtr(opened)
	p.CreatedAt, p.UpdatedAt = parseTime(created), parseTime(updated)
	p.DeletedAt = parseTimePtr(deleted)
	return p, nil
}

func jsonList(l []string) string {
	if l == nil {
		l = []string{}
	}
	b, err := json.Marshal(l)
	if err != nil { // a []string always marshals
		panic(err)
	}
	return string(b)
}

func invalid(errs []app.FieldError) error {
	if len(errs) == 0 {
		return nil
	}
	return &app.Error{Code: app.ErrInvalid, Message: errs[0].Message}
}

// CreatePlan adds a plan to a business and returns it with its new ID.
func (db *DB) CreatePlan(ctx context.Context, p app.Plan) (app.Plan, error) {
	err := db.Update(ctx, func(tx *Tx) error {
		var err error
		p, err = tx.CreatePlan(ctx, p)
		return err
	})
	return p, err
}

// CreatePlan adds a plan to a business and returns it with its new ID.
func (tx *Tx) CreatePlan(ctx context.Context, p app.Plan) (app.Plan, error) {
	b, err := businessIn(ctx, tx.tx, p.BusinessID)
	if err != nil {
		return p, err
	}
	if p.Currency == "" {
		p.Currency = b.Currency
	}
	if p.Months == 0 {
		p.Months = 12
	}
	if p.LastStep == "" {
		p.LastStep = "overview"
	}
	p.Title = strings.TrimSpace(p.Title)
	if err := invalid(p.Validate()); err != nil {
		return p, err
	}
	p.ID = NewID()
	p.BusinessName = b.Name
	p.CreatedAt, p.UpdatedAt = tx.Now, tx.Now
	tx.markDirty("plans", p.ID)
	_, err = tx.tx.ExecContext(ctx, `INSERT INTO plans (id, business_id, title, start_month, months, currency, locale, author,
		products, markets, scope_groups, scope_regions, is_demo, last_step, created_at, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		p.ID, p.BusinessID, p.Title, p.Start.String(), p.Months, p.Currency, p.Locale, p.Author,
		p.Products, p.Markets, jsonList(p.Scope.ProductGroups), jsonList(p.Scope.Regions), p.IsDemo, p.LastStep,
		tx.now(), tx.now())
	return p, err
}

// Plan returns one plan, also when it is in the Trash.
func (db *DB) Plan(ctx context.Context, id string) (app.Plan, error) {
	var p app.Plan
	err := db.view(ctx, func(tx *sql.Tx) error {
		var err error
		p, err = scanPlan(tx.QueryRowContext(ctx, `SELECT `+planColumns+` FROM plans p JOIN businesses b ON b.id = p.business_id WHERE p.id = ? AND p.purged_at IS NULL`, id))
		return err
	})
	if errors.Is(err, sql.ErrNoRows) {
		return p, app.Errorf(app.ErrNotFound, "There is no plan with the ID %s in this workspace.", id)
	}
	return p, err
}

// PlanFilter selects plans for listing.
type PlanFilter struct {
	Trash bool   // list deleted plans instead of live ones
	Query string // case-insensitive match on plan title or business name
}

// Plans lists plans, most recently opened first (never-opened plans by
// creation, newest first).
func (db *DB) Plans(ctx context.Context, f PlanFilter) ([]app.Plan, error) {
	var out []app.Plan
	q := `SELECT ` + planColumns + ` FROM plans p JOIN businesses b ON b.id = p.business_id WHERE `
	if f.Trash {
		q += `p.deleted_at IS NOT NULL AND p.purged_at IS NULL`
	} else {
		q += `p.deleted_at IS NULL AND p.purged_at IS NULL` // a plan emptied from the Trash on another device stays gone
	}
	var args []any
	if s := strings.TrimSpace(f.Query); s != "" {
		q += ` AND (instr(lower(p.title), lower(?)) > 0 OR instr(lower(b.name), lower(?)) > 0)`
		args = append(args, s, s)
	}
	q += ` ORDER BY coalesce(p.last_opened_at, p.created_at) DESC, p.id DESC`
	err := db.view(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanPlan(rows)
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, err
}

// UpdatePlan saves the editable fields of p (title, period, locale, author,
// products, markets, scope). The currency changes only through
// SetPlanCurrency. Changing the period deletes nothing.
func (db *DB) UpdatePlan(ctx context.Context, p app.Plan) (app.Plan, error) {
	old, err := db.Plan(ctx, p.ID)
	if err != nil {
		return p, err
	}
	if p.Currency != old.Currency {
		return p, app.Errorf(app.ErrInvalid, "The currency is changed on its own, with a confirmation.")
	}
	p.Title = strings.TrimSpace(p.Title)
	if err := invalid(p.Validate()); err != nil {
		return p, err
	}
	now := db.Now()
	err = db.update(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE plans SET title=?, start_month=?, months=?, locale=?, author=?, products=?, markets=?,
			scope_groups=?, scope_regions=?, process_period=?, updated_at=? WHERE id=?`,
			p.Title, p.Start.String(), p.Months, p.Locale, p.Author, p.Products, p.Markets,
			jsonList(p.Scope.ProductGroups), jsonList(p.Scope.Regions), p.ProcessPeriod, timeText(now), p.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return app.Errorf(app.ErrNotFound, "The plan no longer exists.")
		}
		return db.recordChanges(ctx, tx, now, dirtyPlan(p.ID))
	})
	p.UpdatedAt = now
	return p, err
}

// MoneyEntries counts the amounts a plan's figures depend on in its
// currency: the business's history rows and the live rows of every declared
// content table that hold an amount in a money column.
func (db *DB) MoneyEntries(ctx context.Context, planID string) (int64, error) {
	var n int64
	err := db.view(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(sum(m.rows),0) FROM sales_monthly m JOIN plans p ON p.business_id = m.business_id WHERE p.id = ?`,
			planID).Scan(&n); err != nil {
			return err
		}
		c, err := db.moneyCount(ctx, tx, planID)
		n += c
		return err
	})
	return n, err
}

// SetPlanCurrency changes a plan's currency. Amounts are never converted, so
// once the plan has money entered the change needs confirmed=true; without
// it an ErrConflict error says what would happen.
func (db *DB) SetPlanCurrency(ctx context.Context, planID, code string, confirmed bool) error {
	cur, err := app.LookupCurrency(code)
	if err != nil {
		return err
	}
	p, err := db.Plan(ctx, planID)
	if err != nil {
		return err
	}
	if p.Currency == cur.Code {
		return nil
	}
	n, err := db.MoneyEntries(ctx, planID)
	if err != nil {
		return err
	}
	if n > 0 && !confirmed {
		return app.Errorf(app.ErrConflict, "This plan already works with %d amounts in %s. Changing the currency to %s does not convert them; they will be read as %s.", n, p.Currency, cur.Code, cur.Code)
	}
	return db.update(ctx, func(tx *sql.Tx) error {
		now := db.Now()
		if _, err := tx.ExecContext(ctx, `UPDATE plans SET currency=?, updated_at=? WHERE id=?`, cur.Code, timeText(now), planID); err != nil {
			return err
		}
		return db.recordChanges(ctx, tx, now, dirtyPlan(planID))
	})
}

// MarkOpened records that the plan was opened on step (for sorting the Home
// list and reopening where the user left).
func (db *DB) MarkOpened(ctx context.Context, planID, step string) error {
	return db.update(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE plans SET last_step=?, last_opened_at=? WHERE id=?`, step, timeText(db.Now()), planID)
		return err
	})
}

// DeletePlan moves a plan to the Trash; RestorePlan brings it back.
func (db *DB) DeletePlan(ctx context.Context, planID string) error {
	return db.setDeleted(ctx, planID, true)
}

// RestorePlan takes a plan out of the Trash.
func (db *DB) RestorePlan(ctx context.Context, planID string) error {
	return db.setDeleted(ctx, planID, false)
}

func (db *DB) setDeleted(ctx context.Context, planID string, deleted bool) error {
	now := timeText(db.Now())
	var del any
	if deleted {
		del = now
	}
	return db.update(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE plans SET deleted_at=?, updated_at=? WHERE id=?`, del, now, planID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return app.Errorf(app.ErrNotFound, "There is no plan with the ID %s in this workspace.", planID)
		}
		return db.recordChanges(ctx, tx, db.Now(), dirtyPlan(planID))
	})
}

// EmptyTrash empties the Trash. Nothing is deleted with SQL DELETE: each
// plan in the Trash becomes a tombstone (its ID, business and deleted_at
// kept, its text cleared, purged_at set) and so does its content, so that a
// plan exchanged with another device can learn it was deleted. It returns
// how many plans it emptied.
func (db *DB) EmptyTrash(ctx context.Context) (int64, error) {
	var n int64
	err := db.Update(ctx, func(tx *Tx) error {
		const trash = `SELECT id FROM plans WHERE deleted_at IS NOT NULL AND purged_at IS NULL`
		tx.markDirty("plans", "")
		for _, ts := range db.order {
			tx.markDirty(ts.Name, "")
		}
		if err := db.clearTables(ctx, tx.tx, trash, tx.now()); err != nil {
			return err
		}
		res, err := tx.tx.ExecContext(ctx, `UPDATE plans SET title = '', author = '', products = '', markets = '', process_period = '',
			scope_groups = '[]', scope_regions = '[]', purged_at = ?, updated_at = ? WHERE id IN (`+trash+`)`, tx.now(), tx.now())
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}

// DuplicatePlan copies a plan and its own content into the period right
// after it ("copy last year's plan into next year"); the history is never
// copied. The copy is titled with its new period.
func (db *DB) DuplicatePlan(ctx context.Context, planID string) (app.Plan, error) {
	src, err := db.Plan(ctx, planID)
	if err != nil {
		return src, err
	}
	cp := src
	cp.ID = NewID()
	cp.Start = src.Start.Add(src.Months)
	cp.Title = app.NextTitle(src.Title, src.Start, cp.Start)
	cp.IsDemo = false
	cp.LastOpened, cp.DeletedAt = nil, nil
	cp.LastStep = "overview"
	now := db.Now()
	cp.CreatedAt, cp.UpdatedAt = now, now
	err = db.update(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO plans (id, business_id, title, start_month, months, currency, locale, author,
			products, markets, scope_groups, scope_regions, is_demo, last_step, created_at, updated_at, process_period)
			SELECT ?, business_id, ?, ?, months, currency, locale, author, products, markets, scope_groups, scope_regions, 0, 'overview', ?, ?, process_period
			FROM plans WHERE id = ?`, cp.ID, cp.Title, cp.Start.String(), timeText(now), timeText(now), src.ID); err != nil {
			return err
		}
		if err := db.copyTables(ctx, tx, src.ID, cp.ID, src.Months, timeText(now)); err != nil {
			return err
		}
		dirty := dirtyPlan(cp.ID)
		for _, ts := range db.order {
			dirty.mark(ts.Name, cp.ID)
		}
		return db.recordChanges(ctx, tx, now, dirty)
	})
	return cp, err
}

// contentTable describes a table of plan content rows (id, plan_id,
// updated_at, deleted_at) and its month columns, so that duplicating a plan
// copies and shifts every step's content without knowing the steps.
type contentTable struct {
	name         string
	columns      []string // copied as they are
	monthColumns []string // "YYYY-MM" columns shifted by the plan length
	linkColumns  []string // JSON lists of IDs of rows copied before; rewritten to the copies' IDs
}

// copyContent copies the live rows of t from one plan to another with new
// IDs, shifting month columns by shift months and rewriting link columns
// through ids (old ID → new ID), which it extends with the rows it copies.
func copyContent(ctx context.Context, tx *sql.Tx, t contentTable, from, to string, shift int, now string, ids map[string]string) error {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM `+t.name+` WHERE plan_id = ? AND deleted_at IS NULL ORDER BY rowid`, from)
	if err != nil {
		return err
	}
	var old []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		old = append(old, id)
	}
	rows.Close()
	cols := strings.Join(append(append([]string{}, t.columns...), t.monthColumns...), ", ")
	sel := strings.Join(t.columns, ", ")
	for _, m := range t.monthColumns {
		if sel != "" {
			sel += ", "
		}
		sel += `CASE WHEN ` + m + ` IS NULL OR ` + m + ` = '' THEN ` + m + ` ELSE printf('%04d-%02d', ((substr(` + m + `,1,4)*12 + substr(` + m + `,6,2) - 1 + ?) / 12), ((substr(` + m + `,1,4)*12 + substr(` + m + `,6,2) - 1 + ?) % 12) + 1) END`
	}
	for _, id := range old {
		newID := NewID()
		ids[id] = newID
		args := []any{newID, to, now}
		for range t.monthColumns {
			args = append(args, shift, shift)
		}
		args = append(args, id)
		q := `INSERT INTO ` + t.name + ` (id, plan_id, updated_at, ` + cols + `) SELECT ?, ?, ?, ` + sel + ` FROM ` + t.name + ` WHERE id = ?`
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
		for _, c := range t.linkColumns {
			var raw string
			if err := tx.QueryRowContext(ctx, `SELECT `+c+` FROM `+t.name+` WHERE id = ?`, newID).Scan(&raw); err != nil {
				return err
			}
			var links []string
			if err := json.Unmarshal([]byte(raw), &links); err != nil {
				return fmt.Errorf("%s %s: column %s is not readable JSON: %w", t.name, id, c, err)
			}
			kept := []string{}
			for _, l := range links {
				if n, ok := ids[l]; ok {
					kept = append(kept, n)
				}
			}
			if _, err := tx.ExecContext(ctx, `UPDATE `+t.name+` SET `+c+` = ? WHERE id = ?`, jsonList(kept), newID); err != nil {
				return err
			}
		}
	}
	return nil
}
