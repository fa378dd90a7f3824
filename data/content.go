package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"salesplan/app"
)

// SWOTItems returns a plan's live SWOT items in quadrant and position order.
func (db *DB) SWOTItems(ctx context.Context, planID string) ([]app.SWOTItem, error) {
	var out []app.SWOTItem
	err := db.view(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, plan_id, quadrant, position, text, impact, note FROM swot_items
			WHERE plan_id = ? AND deleted_at IS NULL ORDER BY instr('SWOT', quadrant), position, id`, planID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var i app.SWOTItem
			if err := rows.Scan(&i.ID, &i.PlanID, &i.Quadrant, &i.Position, &i.Text, &i.Impact, &i.Note); err != nil {
				return err
			}
			out = append(out, i)
		}
		return rows.Err()
	})
	return out, err
}

// SaveSWOTItem adds (empty ID) or updates a SWOT item and returns it.
func (db *DB) SaveSWOTItem(ctx context.Context, it app.SWOTItem) (app.SWOTItem, error) {
	if err := invalid(it.Validate()); err != nil {
		return it, err
	}
	now := timeText(db.Now())
	err := db.update(ctx, func(tx *sql.Tx) error {
		if it.ID == "" {
			it.ID = NewID()
			if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position), -1) + 1 FROM swot_items WHERE plan_id = ? AND quadrant = ?`,
				it.PlanID, it.Quadrant).Scan(&it.Position); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO swot_items (id, plan_id, quadrant, position, text, impact, note, updated_at) VALUES (?,?,?,?,?,?,?,?)`,
				it.ID, it.PlanID, it.Quadrant, it.Position, strings.TrimSpace(it.Text), it.Impact, it.Note, now)
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE swot_items SET quadrant=?, position=?, text=?, impact=?, note=?, updated_at=? WHERE id=? AND deleted_at IS NULL`,
			it.Quadrant, it.Position, strings.TrimSpace(it.Text), it.Impact, it.Note, now, it.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return app.Errorf(app.ErrNotFound, "That SWOT item no longer exists.")
		}
		return nil
	})
	return it, err
}

// MoveSWOTItem swaps an item with its neighbour in the quadrant (delta -1
// up, +1 down).
func (db *DB) MoveSWOTItem(ctx context.Context, id string, delta int) error {
	return db.moveRow(ctx, "swot_items", "quadrant", id, delta)
}

// MoveProcessStage swaps a stage with its neighbour (delta -1 up, +1 down).
func (db *DB) MoveProcessStage(ctx context.Context, id string, delta int) error {
	return db.moveRow(ctx, "process_stages", "", id, delta)
}

// moveRow swaps a content row with its neighbour in position order within
// its plan (and group column, when given).
func (db *DB) moveRow(ctx context.Context, table, group, id string, delta int) error {
	return db.update(ctx, func(tx *sql.Tx) error {
		groupSel := "''"
		if group != "" {
			groupSel = group
		}
		var plan, grp string
		var pos int
		if err := tx.QueryRowContext(ctx, `SELECT plan_id, `+groupSel+`, position FROM `+table+` WHERE id = ?`, id).Scan(&plan, &grp, &pos); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return app.Errorf(app.ErrNotFound, "That row no longer exists.")
			}
			return err
		}
		cmp, order := "<", "DESC"
		if delta > 0 {
			cmp, order = ">", "ASC"
		}
		var other string
		var opos int
		err := tx.QueryRowContext(ctx, `SELECT id, position FROM `+table+` WHERE plan_id = ? AND `+groupSel+` = ? AND deleted_at IS NULL
			AND position `+cmp+` ? ORDER BY position `+order+` LIMIT 1`, plan, grp, pos).Scan(&other, &opos)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // already first or last
		}
		if err != nil {
			return err
		}
		now := timeText(db.Now())
		if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET position = ?, updated_at = ? WHERE id = ?`, opos, now, id); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE `+table+` SET position = ?, updated_at = ? WHERE id = ?`, pos, now, other)
		return err
	})
}

// DeleteContent soft-deletes (or with restore=true brings back) a content
// row of a step table ("swot_items" or "objectives").
func (db *DB) DeleteContent(ctx context.Context, table, id string, restore bool) error {
	switch table {
	case "swot_items", "objectives", "process_stages", "initiatives":
	default:
		return app.Errorf(app.ErrInvalid, "Unknown content %q.", table)
	}
	now := timeText(db.Now())
	var del any = now
	if restore {
		del = nil
	}
	return db.update(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE `+table+` SET deleted_at = ?, updated_at = ? WHERE id = ?`, del, now, id)
		return err
	})
}

// Objectives returns a plan's live objectives in order.
func (db *DB) Objectives(ctx context.Context, planID string) ([]app.Objective, error) {
	var out []app.Objective
	err := db.view(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, plan_id, position, title, kind, metric, unit, baseline, target, deadline, owner,
			revenue_target, swot_links FROM objectives WHERE plan_id = ? AND deleted_at IS NULL ORDER BY position, id`, planID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var o app.Objective
			var base, target sql.NullInt64
			var deadline, links string
			if err := rows.Scan(&o.ID, &o.PlanID, &o.Position, &o.Title, &o.Kind, &o.Metric, &o.Unit, &base, &target, &deadline,
				&o.Owner, &o.RevenueTarget, &links); err != nil {
				return err
			}
			if base.Valid {
				o.Baseline = &base.Int64
			}
			if target.Valid {
				o.Target = &target.Int64
			}
			if m, err := app.ParseMonth(deadline); err == nil {
				o.Deadline = &m
			}
			_ = json.Unmarshal([]byte(links), &o.SWOTLinks)
			out = append(out, o)
		}
		return rows.Err()
	})
	return out, err
}

// SaveObjective adds (empty ID) or updates an objective. Flagging it as the
// revenue target clears the flag on the plan's other objectives.
func (db *DB) SaveObjective(ctx context.Context, o app.Objective) (app.Objective, error) {
	if err := app.ValidateText(o.Title); err != nil {
		return o, err
	}
	for _, s := range []string{o.Metric, o.Unit, o.Owner} {
		if err := app.ValidateText(s); err != nil {
			return o, err
		}
	}
	if o.Kind == "" {
		o.Kind = app.KindCustom
	}
	deadline := ""
	if o.Deadline != nil {
		deadline = o.Deadline.String()
	}
	links := jsonList(o.SWOTLinks)
	now := timeText(db.Now())
	err := db.update(ctx, func(tx *sql.Tx) error {
		if o.RevenueTarget {
			if _, err := tx.ExecContext(ctx, `UPDATE objectives SET revenue_target = 0, updated_at = ? WHERE plan_id = ? AND revenue_target = 1 AND id <> ?`,
				now, o.PlanID, o.ID); err != nil {
				return err
			}
		}
		if o.ID == "" {
			o.ID = NewID()
			if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position), -1) + 1 FROM objectives WHERE plan_id = ?`, o.PlanID).Scan(&o.Position); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO objectives (id, plan_id, position, title, kind, metric, unit, baseline, target, deadline, owner,
				revenue_target, swot_links, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
				o.ID, o.PlanID, o.Position, o.Title, string(o.Kind), o.Metric, o.Unit, o.Baseline, o.Target, deadline, o.Owner, o.RevenueTarget, links, now)
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE objectives SET title=?, kind=?, metric=?, unit=?, baseline=?, target=?, deadline=?, owner=?,
			revenue_target=?, swot_links=?, updated_at=? WHERE id=? AND deleted_at IS NULL`,
			o.Title, string(o.Kind), o.Metric, o.Unit, o.Baseline, o.Target, deadline, o.Owner, o.RevenueTarget, links, now, o.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return app.Errorf(app.ErrNotFound, "That objective no longer exists.")
		}
		return nil
	})
	return o, err
}

// ProcessStages returns a plan's live process stages in order.
func (db *DB) ProcessStages(ctx context.Context, planID string) ([]app.ProcessStage, error) {
	var out []app.ProcessStage
	err := db.view(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, plan_id, position, name, volume, avg_days, benchmark_bp FROM process_stages
			WHERE plan_id = ? AND deleted_at IS NULL ORDER BY position, id`, planID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s app.ProcessStage
			var bp sql.NullInt64
			if err := rows.Scan(&s.ID, &s.PlanID, &s.Position, &s.Name, &s.Volume, &s.AvgDays, &bp); err != nil {
				return err
			}
			if bp.Valid {
				s.BenchmarkBP = &bp.Int64
			}
			out = append(out, s)
		}
		return rows.Err()
	})
	return out, err
}

// SaveProcessStage adds (empty ID, at the end) or updates a stage.
func (db *DB) SaveProcessStage(ctx context.Context, s app.ProcessStage) (app.ProcessStage, error) {
	if err := invalid(s.Validate()); err != nil {
		return s, err
	}
	now := timeText(db.Now())
	err := db.update(ctx, func(tx *sql.Tx) error {
		if s.ID == "" {
			s.ID = NewID()
			if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position), -1) + 1 FROM process_stages WHERE plan_id = ?`, s.PlanID).Scan(&s.Position); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO process_stages (id, plan_id, position, name, volume, avg_days, benchmark_bp, updated_at)
				VALUES (?,?,?,?,?,?,?,?)`, s.ID, s.PlanID, s.Position, strings.TrimSpace(s.Name), s.Volume, s.AvgDays, s.BenchmarkBP, now)
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE process_stages SET name=?, volume=?, avg_days=?, benchmark_bp=?, updated_at=? WHERE id=? AND deleted_at IS NULL`,
			strings.TrimSpace(s.Name), s.Volume, s.AvgDays, s.BenchmarkBP, now, s.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return app.Errorf(app.ErrNotFound, "That stage no longer exists.")
		}
		return nil
	})
	return s, err
}

// Initiatives returns a plan's live initiatives in order.
func (db *DB) Initiatives(ctx context.Context, planID string) ([]app.Initiative, error) {
	var out []app.Initiative
	err := db.view(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, plan_id, position, description, owner, start_month, end_month, cost, effect, objective_links
			FROM initiatives WHERE plan_id = ? AND deleted_at IS NULL ORDER BY position, id`, planID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var in app.Initiative
			var start, end, links string
			if err := rows.Scan(&in.ID, &in.PlanID, &in.Position, &in.Description, &in.Owner, &start, &end, &in.Cost, &in.Effect, &links); err != nil {
				return err
			}
			if m, err := app.ParseMonth(start); err == nil {
				in.Start = &m
			}
			if m, err := app.ParseMonth(end); err == nil {
				in.End = &m
			}
			_ = json.Unmarshal([]byte(links), &in.ObjectiveLinks)
			out = append(out, in)
		}
		return rows.Err()
	})
	return out, err
}

func monthOrEmpty(m *app.Month) string {
	if m == nil {
		return ""
	}
	return m.String()
}

// SaveInitiative adds (empty ID) or updates an initiative.
func (db *DB) SaveInitiative(ctx context.Context, in app.Initiative) (app.Initiative, error) {
	if err := invalid(in.Validate()); err != nil {
		return in, err
	}
	now := timeText(db.Now())
	err := db.update(ctx, func(tx *sql.Tx) error {
		if in.ID == "" {
			in.ID = NewID()
			if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position), -1) + 1 FROM initiatives WHERE plan_id = ?`, in.PlanID).Scan(&in.Position); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO initiatives (id, plan_id, position, description, owner, start_month, end_month, cost, effect,
				objective_links, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`, in.ID, in.PlanID, in.Position, in.Description, in.Owner,
				monthOrEmpty(in.Start), monthOrEmpty(in.End), in.Cost, in.Effect, jsonList(in.ObjectiveLinks), now)
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE initiatives SET description=?, owner=?, start_month=?, end_month=?, cost=?, effect=?,
			objective_links=?, updated_at=? WHERE id=? AND deleted_at IS NULL`, in.Description, in.Owner, monthOrEmpty(in.Start), monthOrEmpty(in.End),
			in.Cost, in.Effect, jsonList(in.ObjectiveLinks), now, in.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return app.Errorf(app.ErrNotFound, "That initiative no longer exists.")
		}
		return nil
	})
	return in, err
}

// Scheme returns a plan's incentive scheme, or nil when none is set.
func (db *DB) Scheme(ctx context.Context, planID string) (*app.IncentiveScheme, error) {
	var s app.IncentiveScheme
	var tiers string
	var cap sql.NullInt64
	err := db.view(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT id, plan_id, base_bp, tiers, bonus, cap, reps FROM incentive_schemes
			WHERE plan_id = ? AND deleted_at IS NULL ORDER BY updated_at DESC LIMIT 1`, planID).
			Scan(&s.ID, &s.PlanID, &s.BaseBP, &tiers, &s.Bonus, &cap, &s.Reps)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	_ = json.Unmarshal([]byte(tiers), &s.Tiers)
	if cap.Valid {
		s.Cap = &cap.Int64
	}
	return &s, nil
}

// SaveScheme stores a plan's incentive scheme (one per plan).
func (db *DB) SaveScheme(ctx context.Context, s app.IncentiveScheme) (app.IncentiveScheme, error) {
	if err := invalid(s.Validate()); err != nil {
		return s, err
	}
	tiers, _ := json.Marshal(s.Tiers)
	if s.Tiers == nil {
		tiers = []byte("[]")
	}
	now := timeText(db.Now())
	err := db.update(ctx, func(tx *sql.Tx) error {
		if s.ID == "" {
			var existing string
			err := tx.QueryRowContext(ctx, `SELECT id FROM incentive_schemes WHERE plan_id = ? AND deleted_at IS NULL LIMIT 1`, s.PlanID).Scan(&existing)
			if err == nil {
				s.ID = existing
			} else if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		if s.ID == "" {
			s.ID = NewID()
			_, err := tx.ExecContext(ctx, `INSERT INTO incentive_schemes (id, plan_id, base_bp, tiers, bonus, cap, reps, updated_at) VALUES (?,?,?,?,?,?,?,?)`,
				s.ID, s.PlanID, s.BaseBP, string(tiers), s.Bonus, s.Cap, s.Reps, now)
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE incentive_schemes SET base_bp=?, tiers=?, bonus=?, cap=?, reps=?, updated_at=? WHERE id=?`,
			s.BaseBP, string(tiers), s.Bonus, s.Cap, s.Reps, now, s.ID)
		return err
	})
	return s, err
}

// RepCount counts the salespeople with sales in the last 12 months of the
// scope's history.
func (db *DB) RepCount(ctx context.Context, businessID string, scope app.Scope) (int, error) {
	where, args := scopeWhere(scope)
	var n int
	err := db.view(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT count(DISTINCT salesperson) FROM sales_monthly WHERE business_id = ? AND salesperson <> ''
			AND month > (SELECT printf('%04d-%02d', (y*12 + m - 13) / 12, (y*12 + m - 13) % 12 + 1) FROM
			(SELECT CAST(substr(max(month),1,4) AS INTEGER) AS y, CAST(substr(max(month),6,2) AS INTEGER) AS m FROM sales_monthly WHERE business_id = ?))`+where,
			append([]any{businessID, businessID}, args...)...).Scan(&n)
	})
	return n, err
}
