/** uPlot and its stylesheet, one chunk loaded on demand by ReportChart.tsx (never in the first load). */
import 'uplot/dist/uPlot.min.css';

export { default } from 'uplot';
