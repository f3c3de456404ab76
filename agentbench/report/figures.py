"""The report's figures, drawn with matplotlib and returned as `data:` URIs of SVG images.

An SVG inside <img> can run no script and needs no network; text is drawn as paths so the
figures look the same everywhere and no label can be read as markup.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullLocator

from agentbench.analysis.reference import model_label
from agentbench.analysis.stats import pareto_front
from agentbench.report import format as fmt

_STYLE = {"svg.fonttype": "path", "svg.hashsalt": "agentbench", "font.size": 9, "axes.grid": True,
          "grid.alpha": 0.3}


def data_uri(figure: Figure) -> str:
    buffer = io.BytesIO()
    with rc_context(_STYLE):
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


@dataclass(frozen=True)
class CostFigure:
    """Success vs cost per completed task for one suite, and the models it could not place."""

    suite: str
    uri: str | None
    left_out: tuple[str, ...]


def cost_success(board: pd.DataFrame) -> list[CostFigure]:
    """Per suite: success rate (with CI) against cost per completed task, Pareto frontier marked."""
    figures = []
    for suite, rows in board.groupby("suite", sort=True):
        placed = rows[rows["cost_per_success"].notna()]
        left_out = tuple(sorted(rows.loc[rows["cost_per_success"].isna(), "model"].astype(str)))
        figures.append(CostFigure(str(suite), _cost_plot(str(suite), placed) if len(placed) else None, left_out))
    return figures


def _cost_plot(suite: str, rows: pd.DataFrame) -> str:
    with rc_context(_STYLE):
        figure = Figure(figsize=(6.5, 4.0))
        axes = figure.subplots()
        cost = rows["cost_per_success"].to_numpy(dtype=float)
        rate = rows["success_rate"].to_numpy(dtype=float)
        errors = np.vstack([rate - rows["ci_low"].to_numpy(dtype=float), rows["ci_high"].to_numpy(dtype=float) - rate])
        errors = np.clip(np.nan_to_num(errors), 0.0, None)  # an interval's bound may sit a rounding error inside the rate
        front = np.array(pareto_front(cost.tolist(), rate.tolist()))
        axes.errorbar(cost, 100 * rate, yerr=100 * errors, fmt="none", ecolor="#999", capsize=3)
        axes.scatter(cost[~front], 100 * rate[~front], color="#6b7a8f", zorder=3, label="dominated")
        axes.scatter(cost[front], 100 * rate[front], color="#d1495b", zorder=4, s=50, label="Pareto frontier")
        order = np.argsort(cost[front])
        axes.plot(cost[front][order], 100 * rate[front][order], color="#d1495b", drawstyle="steps-post", zorder=2)
        for x, y, model in zip(cost, rate, rows["model"].astype(str), strict=True):
            axes.annotate(_short(model_label(model)), (x, 100 * y), textcoords="offset points", xytext=(5, 4), fontsize=7)
        if (cost > 0).all() and cost.max() / cost.min() > 20:
            axes.set_xscale("log")
        axes.set_xlabel("cost per completed task ($)")
        axes.set_ylabel("success rate (%)")
        axes.set_ylim(-5, 105)
        axes.set_title(f"{suite}: success vs cost per completed task")
        axes.legend(loc="lower right", fontsize=7)
        return data_uri(figure)


def length_depth_heatmap(grid: pd.DataFrame, title: str) -> str:
    """gkamradt-style heatmap: length across, needle depth down, success rate as colour, each
    cell annotated with its rate and interval."""
    ordered = grid.sort_values("depth", na_position="last")
    depths = ordered["depth"].map(_depth_label)
    table = (ordered.assign(depth=depths)
             .pivot_table(index="depth", columns="length", values="success_rate")
             .reindex(list(dict.fromkeys(depths))))
    bounds = {(_depth_label(r.depth), r.length): (r.ci_low, r.ci_high) for r in grid.itertuples()}
    with rc_context(_STYLE):
        figure = Figure(figsize=(1.2 + 0.7 * table.shape[1], 1.0 + 0.45 * table.shape[0]))
        axes = figure.subplots()
        axes.grid(False)
        image = axes.imshow(100 * table.to_numpy(dtype=float), cmap="RdYlGn", vmin=0, vmax=100, aspect="auto")
        for (row, column), value in np.ndenumerate(table.to_numpy(dtype=float)):
            if not np.isnan(value):
                low, high = bounds[(table.index[row], table.columns[column])]
                axes.text(column, row, f"{100 * value:.0f}\n{100 * low:.0f}-{100 * high:.0f}", ha="center", va="center", fontsize=6)
        axes.set_xticks(range(table.shape[1]), [fmt.length(length) for length in table.columns])
        axes.set_yticks(range(table.shape[0]), list(table.index))
        axes.set_xlabel("context length (tokens)")
        axes.set_ylabel("needle depth")
        axes.set_title(title)
        figure.colorbar(image, ax=axes, label="success (%)")
        return data_uri(figure)


def _depth_label(depth: float) -> str:
    return fmt.NOT_AVAILABLE if fmt.missing(depth) else f"{float(depth):.0f}%"


_LATENCY_PANELS = (("wall_s", "wall time per attempt (s)"), ("working_s", "working time per attempt (s)"),
                   ("ttft_s", "time to first token (s)"), ("tpot_s", "time per output token (s)"))


def latency_distributions(samples: pd.DataFrame) -> str | None:
    """Box plots per model of wall and working time per attempt, and TTFT/TPOT where streamed.

    The panels share the models' axis, labelled once; a log axis has plain tick labels and no minor
    ticks (mathtext labels and minor ticks were most of this figure's drawing time)."""
    panels = [(column, label) for column, label in _LATENCY_PANELS
              if column in samples and samples[column].notna().any()]
    if not panels:
        return None
    models = sorted(samples["model"].astype(str).unique())
    with rc_context(_STYLE):
        figure = Figure(figsize=(3.4 * len(panels), 2.1 + 0.35 * len(models)))
        figure.subplots_adjust(wspace=0.08)
        for axes, (column, label) in zip(figure.subplots(1, len(panels), squeeze=False, sharey=True)[0], panels, strict=True):
            data = [samples.loc[samples["model"].astype(str) == model, column].dropna().to_numpy(dtype=float)
                    for model in models]
            shown = [values if len(values) else np.array([np.nan]) for values in data]
            axes.boxplot(shown, orientation="horizontal", showfliers=True, flierprops={"markersize": 3})
            axes.set_yticks(range(1, len(models) + 1), [_short(model_label(model)) for model in models])
            positive = np.concatenate([values[values > 0] for values in data]) if data else np.array([])
            if positive.size and positive.max() / positive.min() > 50:
                axes.set_xscale("log")
                axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
                axes.xaxis.set_minor_locator(NullLocator())
            axes.set_title(label)
        return data_uri(figure)


def _short(label: str, limit: int = 32) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "\u2026"
