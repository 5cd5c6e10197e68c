//! The best portfolio by branch and bound.
//!
//! Depth-first over the options in a fixed order, each first taken in, then left out. Every
//! constraint is checked when the later of its options is decided, so a leaf is a feasible
//! portfolio. A node is cut when no completion can beat the best portfolio found so far, by
//! this upper bound on the value of any completion `T` of the members `S` among the undecided
//! options `U`:
//!
//! ```text
//! v(S ∪ T) = v(S) + Σ_{i∈T} (v_i + Σ_{j∈S} e_ij) + Σ_{i<j∈T} e_ij
//!          ≤ v(S) + Σ_{i∈T} g_i,   g_i = v_i + Σ_{j∈S} e_ij + ½ Σ_{j∈U} max(0, e_ij)
//! ```
//!
//! (each pair inside `T` is counted by its two ends, half each, and only if it helps). The
//! best `Σ_{i∈T} g_i` over the `T` that fit the remaining budget is at most the fractional
//! knapsack of the positive `g_i` (the linear relaxation, solved exactly by ratio order), and so
//! for the second resource: the bound is the smaller of the two. It never falls below the true
//! best completion, so a cut never loses the optimum, and the search is exact. Ties in value
//! (within a relative 10⁻⁹) go to the cheaper portfolio.

use super::{Instance, Portfolio};

/// The cost constraint of one search.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum CostLimit {
    None,
    AtMost(f64),
    /// Strictly below (for the frontier's next point).
    Below(f64),
}

impl CostLimit {
    pub fn of(inst: &Instance) -> Self {
        inst.budget.map_or(CostLimit::None, CostLimit::AtMost)
    }
}

/// What a search found.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Outcome {
    Found(Portfolio),
    Infeasible,
    NodeLimit,
}

/// Searches `inst` under `limit` (its `budget` is ignored); with `any`, stops at the first
/// feasible portfolio. Returns the outcome and the nodes visited.
pub(super) fn solve(inst: &Instance, limit: CostLimit, any: bool, nodes: u64) -> (Outcome, u64) {
    let Some(mut s) = Search::new(inst, limit, any, nodes) else {
        return (Outcome::Infeasible, 0);
    };
    s.dfs(0);
    let visited = s.nodes;
    if s.stopped {
        return (Outcome::NodeLimit, visited);
    }
    let outcome = match s.best {
        Some(b) => {
            let members: Vec<usize> = (0..b.len()).filter(|&i| b[i]).collect();
            Outcome::Found(evaluate(inst, members))
        }
        None => Outcome::Infeasible,
    };
    (outcome, visited)
}

/// What one node counts against a search's node budget: a node's bound costs in proportion to
/// the options, so past 40 options (the size the budget was set for) a node counts ⌈n / 40⌉, and
/// a search that cannot finish stops after about the same time at any size (at 1,000 options
/// it took 83 s to give up).
pub(super) fn node_step(n: usize) -> u64 {
    (n as u64).div_ceil(40).max(1)
}

/// A portfolio's value, cost and resource, summed afresh (not as the search accumulated them).
pub(super) fn evaluate(inst: &Instance, members: Vec<usize>) -> Portfolio {
    let mut is = vec![false; inst.items.len()];
    for &i in &members {
        is[i] = true;
    }
    let mut value: f64 = members.iter().map(|&i| inst.items[i].value).sum();
    value += inst
        .effects
        .iter()
        .filter(|&&(a, b, _)| is[a] && is[b])
        .map(|&(_, _, e)| e)
        .sum::<f64>();
    // `+ 0.0` turns the empty sum's −0 into 0.
    Portfolio {
        cost: members.iter().map(|&i| inst.items[i].cost).sum::<f64>() + 0.0,
        resource: members.iter().map(|&i| inst.items[i].resource).sum::<f64>() + 0.0,
        value: value + 0.0,
        members,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Open,
    In,
    Out,
}

struct Search<'a> {
    inst: &'a Instance,
    /// Each item's effects with the others, a pair's effects summed.
    adj: Vec<Vec<(usize, f64)>>,
    excl: Vec<Vec<usize>>,
    /// `req[i]`: the items `i` requires; `req_by[i]`: those requiring `i`.
    req: Vec<Vec<usize>>,
    req_by: Vec<Vec<usize>>,
    /// The items left to decide, in branching order.
    order: Vec<usize>,
    state: Vec<State>,
    /// Σ of effects with members, and Σ of positive effects with open items.
    gain: Vec<f64>,
    pos: Vec<f64>,
    value: f64,
    cost: f64,
    res: f64,
    in_cluster: Vec<u32>,
    open_cluster: Vec<u32>,
    limit: CostLimit,
    any: bool,
    best: Option<Vec<bool>>,
    best_value: f64,
    best_cost: f64,
    /// Nodes visited, each counted as `step` (see [`node_step`]).
    nodes: u64,
    max_nodes: u64,
    step: u64,
    stopped: bool,
    /// Tolerances of value and cost comparisons (relative 10⁻⁹ of the instance's magnitude).
    tol: f64,
    ctol: f64,
    rtol: f64,
    scratch: Vec<(f64, usize)>,
}

impl<'a> Search<'a> {
    /// The search with `include` and `exclude` decided; `None` when they already conflict.
    fn new(inst: &'a Instance, limit: CostLimit, any: bool, max_nodes: u64) -> Option<Self> {
        let n = inst.items.len();
        let mut adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
        for &(a, b, e) in &inst.effects {
            if a == b || a >= n || b >= n {
                continue;
            }
            for (x, y) in [(a, b), (b, a)] {
                match adj[x].iter_mut().find(|(j, _)| *j == y) {
                    Some(entry) => entry.1 += e,
                    None => adj[x].push((y, e)),
                }
            }
        }
        let mut excl = vec![Vec::new(); n];
        for &(a, b) in &inst.excludes {
            if a < n && b < n {
                excl[a].push(b);
                excl[b].push(a);
            }
        }
        let (mut req, mut req_by) = (vec![Vec::new(); n], vec![Vec::new(); n]);
        for &(a, b) in &inst.requires {
            if a < n && b < n && a != b {
                req[a].push(b);
                req_by[b].push(a);
            }
        }
        let pos: Vec<f64> = adj
            .iter()
            .map(|row| row.iter().map(|&(_, e)| e.max(0.0)).sum())
            .collect();
        let mut open_cluster = vec![0u32; inst.clusters.len()];
        for item in &inst.items {
            if let Some(k) = item.cluster {
                open_cluster[k] += 1;
            }
        }
        let magnitude: f64 = inst.items.iter().map(|i| i.value.abs()).sum::<f64>()
            + inst.effects.iter().map(|e| e.2.abs()).sum::<f64>();
        let mut s = Search {
            inst,
            adj,
            excl,
            req,
            req_by,
            order: Vec::new(),
            state: vec![State::Open; n],
            gain: vec![0.0; n],
            pos,
            value: 0.0,
            cost: 0.0,
            res: 0.0,
            in_cluster: vec![0; inst.clusters.len()],
            open_cluster,
            limit,
            any,
            best: None,
            best_value: f64::NEG_INFINITY,
            best_cost: f64::INFINITY,
            nodes: 0,
            max_nodes,
            step: node_step(n),
            stopped: false,
            tol: 1e-9 * (1.0 + magnitude),
            ctol: 1e-9 * (1.0 + inst.items.iter().map(|i| i.cost).sum::<f64>()),
            rtol: 1e-9 * (1.0 + inst.items.iter().map(|i| i.resource).sum::<f64>()),
            scratch: Vec::with_capacity(n),
        };
        // Every cluster must be able to reach its minimum at all, and the empty start must fit
        // (a cost strictly below 0 admits nothing).
        if (0..inst.clusters.len()).any(|k| s.open_cluster[k] < inst.clusters[k].min)
            || !s.fits_cost(0.0)
        {
            return None;
        }
        for &i in &inst.include {
            if i >= n || s.state[i] == State::Out || (s.state[i] == State::Open && !s.take(i)) {
                return None;
            }
        }
        for &i in &inst.exclude {
            if i >= n || s.state[i] == State::In || (s.state[i] == State::Open && !s.drop(i)) {
                return None;
            }
        }
        // Promising items first (by value per cost, with half their positive effects), so a
        // good portfolio is found early and cuts more.
        let key = |i: usize| -> (bool, f64) {
            let g = inst.items[i].value + s.gain[i] + 0.5 * s.pos[i];
            if g > 0.0 {
                (true, g / inst.items[i].cost.max(1e-12))
            } else {
                (false, g)
            }
        };
        let mut order: Vec<usize> = (0..n).filter(|&i| s.state[i] == State::Open).collect();
        order.sort_by(|&a, &b| {
            let (ka, kb) = (key(a), key(b));
            kb.0.cmp(&ka.0).then(kb.1.total_cmp(&ka.1)).then(a.cmp(&b))
        });
        s.order = order;
        Some(s)
    }

    fn fits_cost(&self, c: f64) -> bool {
        match self.limit {
            CostLimit::None => true,
            CostLimit::AtMost(b) => c <= b + self.ctol,
            CostLimit::Below(b) => c < b - self.ctol,
        }
    }

    /// Takes `i` in if no constraint forbids it now.
    fn take(&mut self, i: usize) -> bool {
        let item = &self.inst.items[i];
        if self.excl[i].iter().any(|&j| self.state[j] == State::In)
            || self.req[i].iter().any(|&j| self.state[j] == State::Out)
            || !self.fits_cost(self.cost + item.cost)
            || self
                .inst
                .resource_limit
                .is_some_and(|r| self.res + item.resource > r + self.rtol)
        {
            return false;
        }
        if let Some(k) = item.cluster
            && self.inst.clusters[k]
                .max
                .is_some_and(|m| self.in_cluster[k] + 1 > m)
        {
            return false;
        }
        self.state[i] = State::In;
        self.value += item.value + self.gain[i];
        self.cost += item.cost;
        self.res += item.resource;
        if let Some(k) = item.cluster {
            self.in_cluster[k] += 1;
            self.open_cluster[k] -= 1;
        }
        for &(j, e) in &self.adj[i] {
            self.gain[j] += e;
            self.pos[j] -= e.max(0.0);
        }
        true
    }

    fn untake(&mut self, i: usize) {
        let item = &self.inst.items[i];
        for &(j, e) in &self.adj[i] {
            self.gain[j] -= e;
            self.pos[j] += e.max(0.0);
        }
        if let Some(k) = item.cluster {
            self.in_cluster[k] -= 1;
            self.open_cluster[k] += 1;
        }
        self.res -= item.resource;
        self.cost -= item.cost;
        self.value -= item.value + self.gain[i];
        self.state[i] = State::Open;
    }

    /// Leaves `i` out if no constraint forbids it now.
    fn drop(&mut self, i: usize) -> bool {
        if self.req_by[i].iter().any(|&j| self.state[j] == State::In) {
            return false;
        }
        if let Some(k) = self.inst.items[i].cluster
            && self.in_cluster[k] + self.open_cluster[k] <= self.inst.clusters[k].min
        {
            return false;
        }
        self.state[i] = State::Out;
        if let Some(k) = self.inst.items[i].cluster {
            self.open_cluster[k] -= 1;
        }
        for &(j, e) in &self.adj[i] {
            self.pos[j] -= e.max(0.0);
        }
        true
    }

    fn undrop(&mut self, i: usize) {
        for &(j, e) in &self.adj[i] {
            self.pos[j] += e.max(0.0);
        }
        if let Some(k) = self.inst.items[i].cluster {
            self.open_cluster[k] += 1;
        }
        self.state[i] = State::Open;
    }

    /// The upper bound of the module's comment on any completion below depth `d`.
    fn bound(&mut self, d: usize) -> f64 {
        self.scratch.clear();
        let mut free = 0.0;
        for &i in &self.order[d..] {
            let g = self.inst.items[i].value + self.gain[i] + 0.5 * self.pos[i];
            if g > 0.0 {
                free += g;
                self.scratch.push((g, i));
            }
        }
        let cap = match self.limit {
            CostLimit::None => None,
            CostLimit::AtMost(b) | CostLimit::Below(b) => Some(b + self.ctol - self.cost),
        };
        let rcap = self.inst.resource_limit.map(|r| r + self.rtol - self.res);
        let inst = self.inst;
        let mut best = free;
        if let Some(cap) = cap {
            best = best.min(knapsack(&mut self.scratch, cap, |i| inst.items[i].cost));
        }
        if let Some(rcap) = rcap {
            best = best.min(knapsack(&mut self.scratch, rcap, |i| {
                inst.items[i].resource
            }));
        }
        self.value + best
    }

    fn dfs(&mut self, d: usize) {
        self.nodes += self.step;
        if self.nodes > self.max_nodes {
            self.stopped = true;
            return;
        }
        if d == self.order.len() {
            self.leaf();
            return;
        }
        if self.best.is_some() {
            let ub = self.bound(d);
            if ub < self.best_value - self.tol
                || (ub <= self.best_value + self.tol && self.cost >= self.best_cost - self.ctol)
            {
                return;
            }
        }
        let i = self.order[d];
        if self.take(i) {
            self.dfs(d + 1);
            self.untake(i);
        }
        if self.stopped || (self.any && self.best.is_some()) {
            return;
        }
        if self.drop(i) {
            self.dfs(d + 1);
            self.undrop(i);
        }
    }

    fn leaf(&mut self) {
        let better = self.value > self.best_value + self.tol
            || (self.value >= self.best_value - self.tol && self.cost < self.best_cost - self.ctol);
        if self.best.is_none() || better {
            self.best = Some(self.state.iter().map(|&s| s == State::In).collect());
            self.best_value = self.value;
            self.best_cost = self.cost;
        }
    }
}

/// The fractional knapsack of `items` (`(gain, item index)`, gains positive) under
/// capacity `cap`, each item's weight given by `weight`: the best gain when items may be taken
/// in part, an upper bound on taking them whole.
fn knapsack(items: &mut [(f64, usize)], cap: f64, weight: impl Fn(usize) -> f64) -> f64 {
    if cap < 0.0 {
        return f64::NEG_INFINITY;
    }
    let ratio = |&(g, i): &(f64, usize)| {
        let w = weight(i);
        if w <= 0.0 { f64::INFINITY } else { g / w }
    };
    items.sort_by(|a, b| ratio(b).total_cmp(&ratio(a)));
    let (mut left, mut total) = (cap, 0.0);
    for &(g, i) in items.iter() {
        let w = weight(i);
        if w <= left {
            total += g;
            left -= w;
        } else {
            total += g * left / w;
            break;
        }
    }
    total
}
