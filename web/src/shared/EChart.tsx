import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { type EChartsCoreOption, type EChartsType, init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

// Only what the staff pages draw, so the bundle carries a fraction of echarts.
use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = EChartsCoreOption;

/**
 * One echarts chart on a canvas. Tooltips render as rich text on the canvas, not as HTML with inline
 * styles (which the pages' CSP refuses). The canvas is an image to assistive technology: `label`
 * describes it, and each page shows the same figures as text too.
 */
export function EChart({
  option,
  label,
  height = 280,
}: {
  option: ChartOption;
  label: string;
  height?: number;
}) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = init(element, undefined, { renderer: "canvas" });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const tooltip = { trigger: "axis", ...(option.tooltip as object | undefined), renderMode: "richText" };
    chart.current?.setOption({ animation: false, ...option, tooltip }, { notMerge: true });
  }, [option]);

  return <div ref={container} className="chart" role="img" aria-label={label} style={{ height }} />;
}
