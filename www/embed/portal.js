// The portal's own legacy script (not jixiao): adds indicator rows and
// handles submit. It knows nothing of jixiao beyond window.jixiaoAttachment.
(function () {
  var form = document.getElementById('frmZpb');
  var tbody = /** @type {HTMLTableSectionElement} */ (document.querySelector('#tblZb tbody'));
  var added = 0;
  document.getElementById('btnAddRow').addEventListener('click', function () {
    var i = tbody.rows.length;
    added += 1;
    var tr = document.createElement('tr');
    tr.className = 'zb-row';
    tr.setAttribute('data-line-id', 'new' + added);
    tr.setAttribute('data-parent', 'output.quantity');
    var cells = [['zbmc', 'w-name', '指标名称'], ['fz', 'w-s', '分值'], ['ndzbz', 'w-m', '年度指标值'], ['sjwcz', 'w-m', '实际完成值'],
      ['wcl', 'w-s ro', '完成率（系统计算）'], ['df', 'w-s', '得分'], ['xtdf', 'w-s ro', '系统得分'], ['pcyy', 'w-m', '偏差原因']];
    cells.forEach(function (c) {
      var td = document.createElement('td');
      var input = document.createElement('input');
      input.name = 'zb[' + i + '].' + c[0];
      input.className = c[1];
      input.setAttribute('aria-label', c[2]);
      td.appendChild(input);
      tr.appendChild(td);
    });
    tbody.appendChild(tr);
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var a = /** @type {any} */ (window).jixiaoAttachment;
    document.getElementById('divResult').hidden = false;
    document.getElementById('preUpload').textContent = a ? a.upload() : '（校验模块尚未加载）';
  });
})();
