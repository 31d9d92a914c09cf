/** Only the parts of ECharts the console draws with, so the bundle carries nothing else. */
import * as echarts from 'echarts/core';
import { BarChart, CustomChart, ScatterChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([CustomChart, ScatterChart, BarChart, GridComponent, DataZoomComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export { echarts };
export type { EChartsCoreOption } from 'echarts/core';
