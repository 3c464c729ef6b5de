// The portal's own Vue 2 app, and jixiao attached to the form it renders.
// The data is the portal's (v-model); jixiao reads the same inputs, writes
// only the read-only computed fields, and gives the upload JSON posted on
// submit.
import { attach } from '../vendor/jixiao/jixiao.js';

/* global Vue */
const kpiList = [
    {'key': 0, 'second': '数量指标', 'name': '基本医疗保险参保人数', 'weight': '10', 'sign': '≥', 'value': '200000', 'unit': '人', 'actual': '209682', 'score': '', 'remark': ''},
    {'key': 1, 'second': '数量指标', 'name': '稽核定点医药机构数', 'weight': '10', 'sign': '≥', 'value': '150', 'unit': '家', 'actual': '150', 'score': '', 'remark': ''},
    {'key': 2, 'second': '质量指标', 'name': '门诊统筹签约率', 'weight': '15', 'sign': '≥', 'value': '95', 'unit': '%', 'actual': '95', 'score': '', 'remark': ''},
    {'key': 3, 'second': '时效指标', 'name': '医保待遇按时支付率', 'weight': '5', 'sign': '=', 'value': '100', 'unit': '%', 'actual': '100', 'score': '', 'remark': ''},
    {'key': 4, 'second': '成本指标', 'name': '军队转业干部医疗救助标准', 'weight': '10', 'sign': '≤', 'value': '2000', 'unit': '元/人', 'actual': '2000', 'score': '', 'remark': ''},
    {'key': 5, 'second': '经济效益指标', 'name': '城镇困难人员资助参保人数', 'weight': '5', 'sign': '≥', 'value': '3800', 'unit': '人', 'actual': '3857', 'score': '', 'remark': ''},
    {'key': 6, 'second': '社会效益指标', 'name': '参保群众就医负担', 'weight': '10', 'sign': '定性', 'value': '有效减轻', 'unit': '', 'actual': '达成：有效减轻', 'score': '10', 'remark': ''},
    {'key': 7, 'second': '生态效益指标', 'name': '线上经办业务量', 'weight': '5', 'sign': '≥', 'value': '8000', 'unit': '件', 'actual': '8000', 'score': '', 'remark': ''},
    {'key': 8, 'second': '可持续影响指标', 'name': '医保基金安全平稳运行', 'weight': '10', 'sign': '定性', 'value': '持续平稳', 'unit': '', 'actual': '达成：基金运行平稳', 'score': '10', 'remark': ''},
    {'key': 9, 'second': '服务对象满意度指标', 'name': '参保群众满意度', 'weight': '10', 'sign': '≥', 'value': '90', 'unit': '%', 'actual': '95', 'score': '', 'remark': ''},
];

const vm = new Vue({
  el: '#app',
  data: {
    basic: { name: '2020年度医疗保障工作经费项目', year: '2020', unit: '西湖区医疗保障局', dept: '西湖区医疗保障局', tel: '13912345678' },
    funds: { planned: '156.96', budget: '166.96', spent: '166.96' },
    signs: ['≥', '≤', '=', '定性'],
    kpiList,
    result: '',
    attachment: null,
  },
  methods: {
    addRow() {
      this.kpiList.push({ key: this.kpiList.length, second: '数量指标', name: '', weight: '', sign: '≥', value: '', unit: '', actual: '', score: '', remark: '' });
    },
    async submit() {
      const a = this.attachment;
      if (!a) return;
      a.flush();
      if (a.errors() > 0) {
        this.result = `尚有 ${a.errors()} 个错误，请先修改`;
        return;
      }
      const r = await fetch('/api/upload', { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: a.upload() });
      this.result = r.ok ? `已提交（${(await r.json()).bytes} 字节）` : `提交失败：${r.status}`;
    },
  },
});

vm.$nextTick(async () => {
  vm.attachment = await attach(document.getElementById('kpiForm'), {
    pack: 'national-2020',
    fieldMap: {
      preset: 'vendor-kpi',
      fields: {
        prjName: '/basic/projectName', prjYear: '/basic/year', impUnit: '/basic/implementingUnit',
        deptName: '/basic/department', linkTel: '/basic/phone',
        ncys: '/funds/rows/total/planned', qnys: '/funds/rows/total/budget', qnzx: '/funds/rows/total/spent',
      },
      computed: { zxl: '/computed/rates/budgetExecution', totalScore: '/computed/total/score', grade: '/computed/total/grade' },
      rows: [{ parentField: 'secondkpi', fields: { thirdkpi: 'name' }, computed: { sysscore: 'score' } }],
    },
  });
  document.documentElement.dataset.jixiao = 'ready';
});
