//! The arithmetic of a table: every relation of the template's rules, instantiated on the cells
//! that were read with confidence, and an explanation of the failing ones that blames as few
//! cells as possible.
//!
//! One wrong cell usually breaks several relations at once (its row sum and its column sum). When
//! a single cell, changed by one amount, would repair exactly the relations that fail around it,
//! that cell is blamed alone. Otherwise each failing relation is blamed on its declared total.

use super::{TableModel, Value};
use crate::template::{CellRef, RuleKind, RuleSpec, ValueKind};
use rustc_hash::FxHashMap as HashMap;

/// One relation on concrete cells: Σ coef·value = 0.
#[derive(Clone, Debug)]
pub struct Instance {
    /// The rule, of the table's own format.
    pub rule: &'static RuleSpec,
    /// Cells with their coefficients; for a sum the total comes first with +1.
    pub terms: Vec<(CellRef, i64)>,
    /// Whether this is a sum (total = Σ parts) rather than a balance.
    pub sum: bool,
}

/// The evaluable relations of a table and the values of their cells.
#[derive(Clone, Debug, Default)]
pub struct Grid {
    pub instances: Vec<Instance>,
    pub values: HashMap<CellRef, i64>,
}

/// A failing relation, or several explained by one cell.
#[derive(Clone, Debug)]
pub struct Discrepancy {
    /// The cell to change.
    pub cell: CellRef,
    pub actual: i64,
    /// The value that repairs the relations, when there is exactly one.
    pub expected: Option<i64>,
    /// Indices into [`Grid::instances`] that this explains.
    pub instances: Vec<usize>,
    /// Whether any explained relation is a sum (otherwise only balances).
    pub sum: bool,
    /// One of the totals that were not brought up to date with their parts: together the stale
    /// totals of a table explain its failing relations (a table being filled in).
    pub stale: bool,
}

impl Grid {
    fn residual(&self, i: usize) -> i64 {
        self.instances[i]
            .terms
            .iter()
            .map(|(c, k)| k * self.values[c])
            .sum()
    }

    /// The cells of a sum instance: (total, parts).
    pub fn sum_cells(&self, i: usize) -> (CellRef, Vec<CellRef>) {
        let t = &self.instances[i].terms;
        (t[0].0, t[1..].iter().map(|(c, _)| *c).collect())
    }

    pub fn value(&self, c: &CellRef) -> i64 {
        self.values.get(c).copied().unwrap_or(0)
    }
}

/// Values beyond this are not counts anyone reports; they are left out so sums cannot overflow.
const MAX_VALUE: i64 = 1_000_000_000_000_000;

/// The integer value of a cell, if it was read with confidence. `None` inside `Some` means the
/// cell exists but holds no usable number.
fn cell_value(t: &TableModel, c: CellRef) -> Option<Option<i64>> {
    let block = &t.table_spec().blocks[c.block];
    let row = t.blocks.get(c.block)?.row(c.row)?;
    let cell = row.cell(c.col)?;
    if block.columns[c.col].kind == ValueKind::Amount {
        return Some(None);
    }
    Some(match &cell.value {
        Value::Number(n) if !n.is_negative() || block.columns[c.col].kind == ValueKind::Signed => {
            n.as_integer().filter(|v| v.abs() <= MAX_VALUE)
        }
        _ => None,
    })
}

/// Every relation of a table whose cells exist, with the cells' values (`None`: not usable).
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    pub instances: Vec<Instance>,
    pub values: HashMap<CellRef, Option<i64>>,
}

impl Sheet {
    /// The relations whose every cell has a value.
    pub fn grid(&self) -> Grid {
        let mut g = Grid::default();
        for inst in &self.instances {
            let vals: Option<Vec<i64>> = inst.terms.iter().map(|(c, _)| self.values[c]).collect();
            if let Some(vals) = vals {
                for ((c, _), v) in inst.terms.iter().zip(vals) {
                    g.values.insert(*c, v);
                }
                g.instances.push(inst.clone());
            }
        }
        g
    }

    /// Values for `unknown` cells that satisfy every relation they take part in: relations with
    /// one unknown cell decide it, the rest are 0. `None` when no such values exist, or when a
    /// relation among the known cells already fails (values inferred from a wrong number would
    /// carry the mistake into the new row).
    pub fn infer(&self, unknown: &[CellRef]) -> Option<HashMap<CellRef, i64>> {
        let mut known: HashMap<CellRef, i64> = HashMap::default();
        let value = |known: &HashMap<CellRef, i64>, c: &CellRef| -> Option<i64> {
            if unknown.contains(c) {
                known.get(c).copied()
            } else {
                self.values.get(c).copied().flatten()
            }
        };
        let (touching, rest): (Vec<&Instance>, Vec<&Instance>) = self
            .instances
            .iter()
            .partition(|i| i.terms.iter().any(|(c, _)| unknown.contains(c)));
        // Values inferred from sums that already fail rest on a wrong number: none then.
        let fails = |inst: &&Instance| {
            let vals: Option<Vec<i64>> = inst.terms.iter().map(|(c, _)| value(&known, c)).collect();
            vals.is_some_and(|vals| {
                inst.terms
                    .iter()
                    .zip(vals)
                    .map(|((_, k), v)| k * v)
                    .sum::<i64>()
                    != 0
            })
        };
        if rest.iter().any(fails) {
            return None;
        }
        loop {
            let mut progress = false;
            for inst in &touching {
                let open: Vec<&(CellRef, i64)> = inst
                    .terms
                    .iter()
                    .filter(|(c, _)| value(&known, c).is_none())
                    .collect();
                if open.len() != 1 || !unknown.contains(&open[0].0) {
                    continue;
                }
                let (c, k) = *open[0];
                let rest: i64 = inst
                    .terms
                    .iter()
                    .filter(|(x, _)| *x != c)
                    .map(|(x, kx)| kx * value(&known, x).unwrap_or(0))
                    .sum();
                if rest % k != 0 {
                    return None;
                }
                known.insert(c, -rest / k);
                progress = true;
            }
            if !progress {
                break;
            }
        }
        for c in unknown {
            known.entry(*c).or_insert(0);
        }
        // Every relation that becomes evaluable must hold.
        for inst in &touching {
            let vals: Option<Vec<i64>> = inst.terms.iter().map(|(c, _)| value(&known, c)).collect();
            if let Some(vals) = vals {
                let r: i64 = inst.terms.iter().zip(vals).map(|((_, k), v)| k * v).sum();
                if r != 0 {
                    return None;
                }
            }
        }
        if known.values().any(|v| *v < 0) {
            return None;
        }
        Some(known)
    }
}

/// Builds the sheet of a table; `extra` cells are added as if present but unknown (the cells of
/// a row the report lacks, to infer them).
pub fn sheet(t: &TableModel, extra: &[CellRef]) -> Sheet {
    let mut sh = Sheet::default();
    for rule in &t.format.rules {
        if rule.table != t.spec {
            continue;
        }
        let Some(block) = t.blocks.get(rule.block) else {
            continue;
        };
        let spec = &t.table_spec().blocks[rule.block];
        // The lines the rule runs along: data rows for row rules, columns for column rules.
        let along: Vec<usize> = if rule.each_row {
            spec.data_rows().collect()
        } else {
            block.columns.clone()
        };
        for a in along {
            let at = |k: usize| -> CellRef {
                if rule.each_row {
                    CellRef {
                        block: rule.block,
                        row: a,
                        col: k,
                    }
                } else {
                    CellRef {
                        block: rule.block,
                        row: k,
                        col: a,
                    }
                }
            };
            let (terms, sum): (Vec<(CellRef, i64)>, bool) = match &rule.kind {
                RuleKind::Sum { total, parts } => (
                    std::iter::once((at(*total), 1))
                        .chain(parts.iter().map(|p| (at(*p), -1)))
                        .collect(),
                    true,
                ),
                RuleKind::Balance { left, right } => (
                    left.iter()
                        .map(|p| (at(*p), 1))
                        .chain(right.iter().map(|p| (at(*p), -1)))
                        .collect(),
                    false,
                ),
            };
            let values: Option<Vec<Option<i64>>> = terms
                .iter()
                .map(|(c, _)| {
                    if extra.contains(c) {
                        Some(None)
                    } else {
                        cell_value(t, *c)
                    }
                })
                .collect();
            let Some(values) = values else { continue };
            for ((c, _), v) in terms.iter().zip(values) {
                sh.values.insert(*c, v);
            }
            sh.instances.push(Instance { rule, terms, sum });
        }
    }
    sh
}

/// The arithmetic of a table, worked out once and shared by the checks, the editor features and
/// the rendered tables.
#[derive(Clone, Debug)]
pub struct Arithmetic {
    /// Every relation whose cells exist, with their values.
    pub sheet: Sheet,
    /// The relations that can be evaluated.
    pub grid: Grid,
    /// Why the failing ones fail.
    pub discrepancies: Vec<Discrepancy>,
}

impl Arithmetic {
    pub(super) fn of(t: &TableModel) -> Arithmetic {
        let sheet = sheet(t, &[]);
        let grid = sheet.grid();
        let discrepancies = explain(&grid);
        Arithmetic {
            sheet,
            grid,
            discrepancies,
        }
    }
}

/// Explains the failing relations of a grid.
pub fn solve(g: &Grid) -> Vec<Discrepancy> {
    let residuals: Vec<i64> = (0..g.instances.len()).map(|i| g.residual(i)).collect();
    let mut open: Vec<bool> = residuals.iter().map(|r| *r != 0).collect();
    let mut by_cell: HashMap<CellRef, Vec<(usize, i64)>> = HashMap::default();
    for (i, inst) in g.instances.iter().enumerate() {
        for (c, k) in &inst.terms {
            by_cell.entry(*c).or_default().push((i, *k));
        }
    }
    let mut cells: Vec<&CellRef> = by_cell.keys().collect();
    cells.sort();
    let mut out = Vec::new();
    loop {
        // Cells all of whose relations fail and agree on one correction.
        let mut cands: Vec<(CellRef, i64, Vec<usize>)> = Vec::new();
        for &c in &cells {
            let rels = &by_cell[c];
            if rels.len() < 2 || !rels.iter().all(|(i, _)| open[*i]) {
                continue;
            }
            let mut x: Option<i64> = None;
            let mut agree = true;
            for (i, k) in rels {
                let r = residuals[*i];
                if r % k != 0 || x.is_some_and(|x| x != -r / k) {
                    agree = false;
                    break;
                }
                x = Some(-r / k);
            }
            if let Some(x) = x.filter(|_| agree) {
                cands.push((*c, x, rels.iter().map(|(i, _)| *i).collect()));
            }
        }
        // Independent mistakes explain disjoint relations: take every candidate no other one
        // competes with. When candidates compete, only one that explains strictly more wins.
        let overlaps = |a: &Vec<usize>, b: &Vec<usize>| a.iter().any(|i| b.contains(i));
        let mut chosen: Vec<usize> = (0..cands.len())
            .filter(|&a| (0..cands.len()).all(|b| a == b || !overlaps(&cands[a].2, &cands[b].2)))
            .collect();
        if chosen.is_empty() {
            let most = cands.iter().map(|c| c.2.len()).max().unwrap_or(0);
            let top: Vec<usize> = (0..cands.len())
                .filter(|&a| cands[a].2.len() == most)
                .collect();
            if top.len() == 1 {
                chosen = top;
            }
        }
        if chosen.is_empty() {
            break;
        }
        for a in chosen {
            let (c, x, ids) = &cands[a];
            let actual = g.value(c);
            for i in ids {
                open[*i] = false;
            }
            out.push(Discrepancy {
                cell: *c,
                actual,
                expected: Some(actual + x),
                sum: ids.iter().any(|i| g.instances[*i].sum),
                instances: ids.clone(),
                stale: false,
            });
        }
    }
    // What is left: each relation on its own, blamed on its total (sums) or on its last cell.
    for (i, inst) in g.instances.iter().enumerate() {
        if !open[i] {
            continue;
        }
        // A sum is blamed on its total. A balance is blamed on the first cell of a side that
        // is all zeros (not filled in yet: 一 of a draft whose results are typed), else on its
        // last cell (四, which clerks work out from the others).
        let zero_side = [1, -1].into_iter().find(|&sign| {
            inst.terms
                .iter()
                .filter(|(_, k)| k.signum() == sign)
                .all(|(c, _)| g.value(c) == 0)
        });
        let (cell, k) = if inst.sum {
            inst.terms[0]
        } else if let Some(sign) = zero_side {
            *inst
                .terms
                .iter()
                .find(|(_, k)| k.signum() == sign)
                .expect("a side has cells")
        } else {
            *inst.terms.last().expect("a balance has cells")
        };
        let actual = g.value(&cell);
        let r = residuals[i];
        let expected = (r % k == 0).then(|| actual - r / k);
        out.push(Discrepancy {
            cell,
            actual,
            expected,
            instances: vec![i],
            sum: inst.sum,
            stale: false,
        });
    }
    out.sort_by_key(|d| d.cell);
    out
}

/// Every total recomputed from its parts, over and over until nothing changes (a row total
/// first, then the column totals it is a part of). The cells that change, with their new values;
/// `None` when that does not settle with every sum right.
pub fn recomputed(g: &Grid) -> Option<Vec<(CellRef, i64)>> {
    let mut values = g.values.clone();
    let sums: Vec<&Instance> = g.instances.iter().filter(|i| i.sum).collect();
    for _ in 0..=sums.len() {
        let mut changed = false;
        for inst in &sums {
            let total = inst.terms[0].0;
            let parts: i64 = inst.terms[1..].iter().map(|(c, _)| values[c]).sum();
            if values[&total] != parts {
                values.insert(total, parts);
                changed = true;
            }
        }
        if !changed {
            let mut out: Vec<(CellRef, i64)> = values
                .iter()
                .filter(|(c, v)| g.values[c] != **v)
                .map(|(c, v)| (*c, *v))
                .collect();
            out.sort();
            return Some(out);
        }
    }
    None
}

/// The failing relations explained: by single cells where one change repairs what fails around
/// it (`solve`), or, where that blames a part or leaves a balance failing, by totals that were not
/// updated when their parts changed — a table being filled, where the parts are what the clerk
/// types and the totals follow from them. Totals are taken as stale only when recomputing them
/// breaks no relation that held with numbers in it (a finished report whose totals agree with
/// each other and with the balance has one wrong cell, not stale totals).
pub fn explain(g: &Grid) -> Vec<Discrepancy> {
    let single = solve(g);
    if !single.iter().any(|d| d.sum) {
        return single;
    }
    let Some(stale) = recomputed(g) else {
        return single;
    };
    if stale.is_empty() {
        return single;
    }
    let mut after = g.clone();
    after.values.extend(stale.iter().copied());
    let failing_after: Vec<bool> = (0..g.instances.len())
        .map(|i| after.residual(i) != 0)
        .collect();
    for (i, inst) in g.instances.iter().enumerate() {
        let held = g.residual(i) == 0;
        let with_numbers = inst.terms.iter().any(|(c, _)| g.value(c) != 0);
        if held && with_numbers && failing_after[i] {
            return single;
        }
    }
    // A balance still failing once the totals are recomputed, with figures on both of its
    // sides, is not a draft's unfinished side: when the one wrong cell explains it too, that
    // cell is the mistake.
    let mut after_single = g.clone();
    after_single
        .values
        .extend(single.iter().filter_map(|d| Some((d.cell, d.expected?))));
    let unfinished = |i: usize| {
        let side_empty = |positive: bool| {
            g.instances[i]
                .terms
                .iter()
                .filter(|(_, k)| (*k > 0) == positive)
                .all(|(c, _)| g.value(c) == 0)
        };
        side_empty(true) || side_empty(false)
    };
    if (0..g.instances.len())
        .any(|i| failing_after[i] && after_single.residual(i) == 0 && !unfinished(i))
    {
        return single;
    }
    let totals: Vec<CellRef> = g
        .instances
        .iter()
        .filter(|i| i.sum)
        .map(|i| i.terms[0].0)
        .collect();
    let blames_part = single.iter().any(|d| d.sum && !totals.contains(&d.cell));
    let explains_balance = (0..g.instances.len())
        .any(|i| !g.instances[i].sum && g.residual(i) != 0 && !failing_after[i]);
    if !blames_part && !explains_balance {
        return single;
    }
    let explained: Vec<usize> = (0..g.instances.len())
        .filter(|&i| g.residual(i) != 0 && !failing_after[i])
        .collect();
    let mut out: Vec<Discrepancy> = stale
        .iter()
        .map(|&(cell, expected)| Discrepancy {
            cell,
            actual: g.value(&cell),
            expected: Some(expected),
            instances: explained
                .iter()
                .copied()
                .filter(|&i| g.instances[i].terms.iter().any(|(c, _)| *c == cell))
                .collect(),
            sum: true,
            stale: true,
        })
        .collect();
    // Balances that still fail with the totals right are mistakes of their own.
    out.extend(
        single
            .into_iter()
            .filter(|d| !d.sum && d.instances.iter().all(|&i| failing_after[i])),
    );
    out.sort_by_key(|d| d.cell);
    out
}

/// Whether setting `cell` to `value` removes the discrepancy at that cell and blames no cell that
/// was not blamed before.
pub fn fix_is_clean(g: &Grid, before: &[Discrepancy], cell: CellRef, value: i64) -> bool {
    let mut changed = g.clone();
    changed.values.insert(cell, value);
    let after = solve(&changed);
    after.len() < before.len()
        && after.iter().all(|d| d.cell != cell)
        && after
            .iter()
            .all(|d| before.iter().any(|b| b.cell == d.cell))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The solver looks only at terms; any rule will do.
    fn any_rule() -> &'static RuleSpec {
        &crate::template::Template::get().formats[0].rules[0]
    }

    fn c(row: usize, col: usize) -> CellRef {
        CellRef { block: 0, row, col }
    }

    /// A 3×3 grid: rows 0,1 and total row 2; columns 0,1 and total column 2.
    fn grid(v: [[i64; 3]; 3]) -> Grid {
        let mut g = Grid::default();
        for (r, row) in v.iter().enumerate() {
            for (k, x) in row.iter().enumerate() {
                g.values.insert(c(r, k), *x);
            }
        }
        for r in 0..3 {
            g.instances.push(Instance {
                rule: any_rule(),
                terms: vec![(c(r, 2), 1), (c(r, 0), -1), (c(r, 1), -1)],
                sum: true,
            });
        }
        for k in 0..3 {
            g.instances.push(Instance {
                rule: any_rule(),
                terms: vec![(c(2, k), 1), (c(0, k), -1), (c(1, k), -1)],
                sum: true,
            });
        }
        g
    }

    #[test]
    fn consistent_grid_has_no_discrepancy() {
        assert!(solve(&grid([[1, 2, 3], [4, 5, 9], [5, 7, 12]])).is_empty());
    }

    #[test]
    fn one_wrong_part_is_blamed_alone() {
        // Cell (0,0) should be 1: both its row and its column say so.
        let d = solve(&grid([[2, 2, 3], [4, 5, 9], [5, 7, 12]]));
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].cell, d[0].actual, d[0].expected),
            (c(0, 0), 2, Some(1))
        );
        assert_eq!(d[0].instances.len(), 2);
    }

    #[test]
    fn a_wrong_grand_total_is_blamed_alone() {
        let d = solve(&grid([[1, 2, 3], [4, 5, 9], [5, 7, 13]]));
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].cell, d[0].expected), (c(2, 2), Some(12)));
    }

    #[test]
    fn a_lone_failing_relation_is_blamed_on_its_total() {
        let mut g = grid([[1, 2, 3], [4, 5, 9], [5, 7, 12]]);
        // Only one relation: the row 0 sum, broken in its part.
        g.instances.truncate(1);
        g.values.insert(c(0, 1), 5);
        let d = solve(&g);
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].cell, d[0].actual, d[0].expected),
            (c(0, 2), 3, Some(6))
        );
    }

    #[test]
    fn independent_mistakes_are_each_blamed_alone() {
        // (0,0) should be 1 and (1,1) should be 5.
        let d = solve(&grid([[2, 2, 3], [4, 7, 9], [5, 7, 12]]));
        let cells: Vec<_> = d.iter().map(|d| (d.cell, d.expected)).collect();
        assert_eq!(cells, [(c(0, 0), Some(1)), (c(1, 1), Some(5))]);
        // With equal errors the swapped pair explains the same failures: nobody is blamed alone.
        let d = solve(&grid([[2, 2, 3], [4, 6, 9], [5, 7, 12]]));
        assert_eq!(d.len(), 4);
        assert!(d.iter().all(|d| d.instances.len() == 1));
    }

    #[test]
    fn fixes_are_checked_against_every_relation() {
        let g = grid([[2, 2, 3], [4, 5, 9], [5, 7, 12]]);
        let before = solve(&g);
        assert!(fix_is_clean(&g, &before, c(0, 0), 1));
        // Changing the row total instead would break the total column.
        assert!(!fix_is_clean(&g, &before, c(0, 2), 4));
    }
}
