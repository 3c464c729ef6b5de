// The portal's own script (jQuery 1.x style). jixiao is attached with the
// vendor-kpi preset, extended by this portal's own field names; the upload
// JSON jixiao produces is what $.ajax posts.
/* global $ */
$(function () {
  var form = document.getElementById('kpiForm');
  var attachment = null;
  window.jixiao.attach(form, {
    pack: 'national-2020',
    fieldMap: {
      preset: 'vendor-kpi',
      fields: {
        prjName: '/basic/projectName',
        prjYear: '/basic/year',
        impUnit: '/basic/implementingUnit',
        deptName: '/basic/department',
        linkTel: '/basic/phone',
        ncys: '/funds/rows/total/planned',
        qnys: '/funds/rows/total/budget',
        qnzx: '/funds/rows/total/spent',
      },
      computed: { zxl: '/computed/rates/budgetExecution', totalScore: '/computed/total/score', grade: '/computed/total/grade' },
      rows: [{ parentField: 'secondkpi', fields: { thirdkpi: 'name' }, computed: { sysscore: 'score' } }],
    },
  }).then(function (a) {
    attachment = a;
    $('html').attr('data-jixiao', 'ready');
  }, function (e) {
    $('#submitResult').text('校验模块未能加载：' + e.message);
  });

  $(form).on('submit', function (e) {
    e.preventDefault();
    if (!attachment) return;
    attachment.flush();
    if (attachment.errors() > 0) {
      $('#submitResult').text('尚有 ' + attachment.errors() + ' 个错误，请先修改');
      return;
    }
    $.ajax({ url: '/api/upload', type: 'POST', contentType: 'application/json; charset=utf-8', data: attachment.upload(), dataType: 'json' })
      .done(function (r) { $('#submitResult').text('已提交（' + r.bytes + ' 字节）'); })
      .fail(function (x) { $('#submitResult').text('提交失败：' + x.status); });
  });
});
