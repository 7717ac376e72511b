/* Phone quiz page. Plain ES2017 (Chrome 70 / Android 8 WebView, iOS 12, Zalo's browser):
   no framework, nothing from the internet. The phone remembers who it is (localStorage):
   a reload, a locked screen or a lost connection bring back the same question with the
   chosen answers. Each tap is queued here, then sent with an id and a counter; the laptop
   keeps the highest counter, so a retry never counts twice and nothing is lost. */
(function () {
  'use strict';

  var BASE = location.pathname.replace(/\/+$/, '');
  var KEY = 'tq:' + BASE.split('/').pop();
  var state = load();
  var online = true;
  var sending = false;
  var retryTimer = null;
  var searchSeq = 0;
  var pollTimer = null;

  function $(id) { return document.getElementById(id); }

  function randomId() {
    var bytes = new Uint8Array(16);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    var out = '';
    for (var i = 0; i < bytes.length; i++) { out += ('0' + bytes[i].toString(16)).slice(-2); }
    return out;
  }

  function load() {
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(KEY) || 'null'); } catch (e) { saved = null; }
    var device = null;
    try { device = localStorage.getItem('tq-device'); } catch (e) { device = null; }
    if (!device) {
      device = randomId();
      try { localStorage.setItem('tq-device', device); } catch (e) { /* private mode */ }
    }
    var fresh = { screen: 'name', attempt: null, index: 0, answers: {}, counter: 0,
      queue: [], result: null, person: null, walkin: null };
    var s = saved && typeof saved === 'object' ? saved : fresh;
    Object.keys(fresh).forEach(function (k) { if (!(k in s)) { s[k] = fresh[k]; } });
    s.device = device;
    return s;
  }

  function save() {
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* full or private */ }
  }

  function reset() {
    var device = state.device;
    state = { screen: 'name', attempt: null, index: 0, answers: {}, counter: 0, queue: [],
      result: null, person: null, walkin: null, device: device };
    save();
  }

  /* --- network ------------------------------------------------------------------------ */

  function ApiError(status, code, message) {
    this.status = status; this.code = code; this.message = message;
  }

  function timeout(ms) {
    return new Promise(function (resolve, reject) {
      setTimeout(function () { reject(new Error('timeout')); }, ms);
    });
  }

  async function call(method, path, body) {
    var options = { method: method, headers: {}, cache: 'no-store', credentials: 'same-origin' };
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    var response;
    try {
      response = await Promise.race([fetch(BASE + '/api/' + path, options), timeout(10000)]);
    } catch (e) {
      setOnline(false);
      throw e;
    }
    setOnline(true);
    var data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (!response.ok) {
      if (response.status >= 500) { throw new Error('busy'); }
      throw new ApiError(response.status, data && data.error, (data && data.message) ||
        'Có lỗi; hãy thử lại.');
    }
    return data;
  }

  function setOnline(value) {
    online = value;
    $('banner').hidden = value;
    if (state.screen === 'question') { showSaved(); }
  }

  /* --- screens ------------------------------------------------------------------------ */

  var SCREENS = ['name', 'walkin', 'confirm', 'question', 'review', 'submit', 'result', 'message'];

  function show(name) {
    state.screen = name;
    save();
    SCREENS.forEach(function (s) { $('s-' + s).hidden = s !== name; });
    window.scrollTo(0, 0);
  }

  function message(text) {
    $('message').textContent = text;
    show('message');
  }

  /* --- finding one's name ------------------------------------------------------------- */

  async function search() {
    var text = $('name').value;
    var seq = ++searchSeq;
    var box = $('matches');
    var letters = text.replace(/[^0-9A-Za-z\u00C0-\u1EF9]/g, '');
    if (letters.length < 2) {
      box.innerHTML = '';
      $('name-hint').textContent = 'Gõ ít nhất 2 chữ cái, không cần dấu.';
      return;
    }
    var data;
    try {
      data = await call('POST', 'search', { device: state.device, text: text });
    } catch (e) {
      if (seq === searchSeq) {
        $('name-hint').textContent = e instanceof ApiError ? e.message :
          'Chưa kết nối được với máy tính; đang thử lại…';
        if (!(e instanceof ApiError)) { setTimeout(function () { if (seq === searchSeq) { search(); } }, 2000); }
      }
      return;
    }
    if (seq !== searchSeq) { return; }
    box.innerHTML = '';
    $('name-hint').textContent = data.matches.length ? 'Chạm vào tên của mình:' :
      'Không thấy tên này. Gõ thêm, hoặc bấm "Tôi không có trong danh sách".';
    data.matches.forEach(function (m) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'match';
      var n = document.createElement('span');
      n.textContent = m.name;
      b.appendChild(n);
      if (m.hood) {
        var h = document.createElement('span');
        h.className = 'hood';
        h.textContent = m.hood;
        b.appendChild(h);
      }
      b.addEventListener('click', function () { pick({ id: m.id, name: m.name, hood: m.hood }); });
      box.appendChild(b);
    });
  }

  function pick(person) {
    state.person = person;
    $('confirm-name').textContent = person.name;
    $('confirm-hood').textContent = person.hood || '';
    $('confirm-msg').textContent = '';
    $('start').disabled = false;
    show('confirm');
  }

  async function start() {
    $('start').disabled = true;
    $('confirm-msg').textContent = '';
    try {
      var data = await call('POST', 'claim', { device: state.device, person: state.person.id });
      stopPolling();
      if (data.submitted) { showResult(data); return; }
      begin(data);
    } catch (e) {
      if (e instanceof ApiError) {
        $('confirm-msg').textContent = e.message;
        if (e.code === 'needs_approval') { poll(start, 5000); return; }
      } else {
        $('confirm-msg').textContent = 'Chưa kết nối được với máy tính; đang thử lại…';
        poll(start, 3000);
        return;
      }
      $('start').disabled = false;
    }
  }

  function poll(fn, ms) {
    stopPolling();
    pollTimer = setTimeout(function () { pollTimer = null; fn(); }, ms);
  }

  function stopPolling() {
    if (pollTimer) { clearTimeout(pollTimer); pollTimer = null; }
  }

  /* --- walk-ins ----------------------------------------------------------------------- */

  async function sendWalkIn() {
    var name = $('walkin-name').value.trim();
    if (name.length < 3) { $('walkin-msg').textContent = 'Hãy ghi đủ họ và tên.'; return; }
    $('walkin-send').disabled = true;
    try {
      var data = await call('POST', 'walkin', { device: state.device, name: name });
      state.walkin = { id: data.id, name: name };
      save();
      walkInStatus(data);
    } catch (e) {
      $('walkin-msg').textContent = e instanceof ApiError ? e.message :
        'Chưa kết nối được với máy tính; hãy thử lại.';
      $('walkin-send').disabled = false;
    }
  }

  function walkInStatus(data) {
    if (data.status === 'accepted') {
      var name = state.walkin ? state.walkin.name : '';
      state.walkin = null;
      pick({ id: data.person, name: name, hood: '' });
      return;
    }
    if (data.status === 'refused') {
      state.walkin = null;
      save();
      $('walkin-msg').textContent = 'Cán bộ chưa nhận tên này; hãy hỏi cán bộ.';
      $('walkin-send').disabled = false;
      return;
    }
    $('walkin-msg').textContent = 'Đã gửi tên. Chờ cán bộ xác nhận trên máy tính…';
    $('walkin-msg').className = 'message waiting';
    poll(checkWalkIn, 4000);
  }

  async function checkWalkIn() {
    if (!state.walkin) { return; }
    try {
      walkInStatus(await call('GET', 'walkin?id=' + state.walkin.id + '&device=' + state.device));
    } catch (e) {
      if (e instanceof ApiError) {
        state.walkin = null;
        $('walkin-msg').textContent = e.message;
        $('walkin-send').disabled = false;
      } else {
        poll(checkWalkIn, 4000);
      }
    }
  }

  /* --- questions ---------------------------------------------------------------------- */

  function begin(data) {
    state.attempt = data;
    state.answers = data.answers || {};
    state.counter = Math.max(state.counter || 0, data.counter || 0);
    state.queue = [];
    state.index = 0;
    state.result = null;
    if (data.resumed) {
      var first = data.questions.findIndex(function (q) { return !state.answers[q.key]; });
      state.index = first < 0 ? data.questions.length - 1 : first;
    }
    save();
    renderQuestion();
  }

  function question() { return state.attempt.questions[state.index]; }

  function renderQuestion() {
    var q = question();
    var n = state.attempt.questions.length;
    $('q-number').textContent = 'Câu ' + (state.index + 1) + '/' + n;
    $('q-text').textContent = q.text;
    $('q-multi').hidden = !q.multiple;
    var box = $('options');
    box.innerHTML = '';
    var chosen = state.answers[q.key] || [];
    q.options.forEach(function (o, shown) {
      var b = document.createElement('button');
      b.type = 'button';
      var picked = chosen.indexOf(o.index) >= 0;
      b.className = 'option c' + (shown % 6) + (picked ? ' chosen' : '');
      b.setAttribute('aria-pressed', picked ? 'true' : 'false');
      var l = document.createElement('span');
      l.className = 'letter';
      l.textContent = o.letter;
      var t = document.createElement('span');
      t.className = 'opt-text';
      t.textContent = o.text;
      var tick = document.createElement('span');
      tick.className = 'tick';
      tick.textContent = picked ? '✓' : '';
      b.appendChild(l);
      b.appendChild(t);
      b.appendChild(tick);
      b.addEventListener('click', function () { tap(q, o.index); });
      box.appendChild(b);
    });
    $('prev').disabled = state.index === 0;
    $('next').textContent = state.index === n - 1 ? 'Xem lại bài ▶' : 'Tiếp ▶';
    show('question');
    showSaved();
  }

  function showSaved() {
    if (!state.attempt || state.screen !== 'question') { return; }
    var q = question();
    var pending = state.queue.some(function (t) { return t.question === q.key; });
    var el = $('q-saved');
    if (pending) {
      el.textContent = online ? 'Đang lưu…' : 'Chưa gửi được – sẽ tự gửi lại';
      el.className = 'saved pending';
    } else if (state.answers[q.key] && state.answers[q.key].length) {
      el.textContent = 'Đã lưu ✓';
      el.className = 'saved';
    } else {
      el.textContent = '';
      el.className = 'saved';
    }
  }

  function tap(q, index) {
    var chosen = (state.answers[q.key] || []).slice();
    var at = chosen.indexOf(index);
    if (q.multiple) {
      if (at >= 0) { chosen.splice(at, 1); } else { chosen.push(index); }
      chosen.sort(function (a, b) { return a - b; });
    } else {
      chosen = [index];
    }
    state.answers[q.key] = chosen;
    state.counter += 1;
    state.queue = state.queue.filter(function (t) { return t.question !== q.key; });
    state.queue.push({ question: q.key, chosen: chosen, client_id: randomId(),
      counter: state.counter });
    save();
    renderQuestion();
    flush();
  }

  async function flush() {
    if (sending || !state.attempt) { return; }
    sending = true;
    try {
      while (state.queue.length) {
        var t = state.queue[0];
        try {
          await call('POST', 'answer', { device: state.device, attempt: state.attempt.attempt_id,
            question: t.question, chosen: t.chosen, client_id: t.client_id, counter: t.counter });
        } catch (e) {
          if (e instanceof ApiError) { refused(e); return; }
          scheduleRetry();
          return;
        }
        if (state.queue[0] === t) { state.queue.shift(); }
        save();
        showSaved();
      }
    } finally {
      sending = false;
      if (state.screen === 'question') { showSaved(); }
    }
  }

  var retryDelay = 1000;
  function scheduleRetry() {
    if (retryTimer) { return; }
    retryTimer = setTimeout(function () {
      retryTimer = null;
      retryDelay = Math.min(retryDelay * 2, 5000);
      flush().then(function () { if (!state.queue.length) { retryDelay = 1000; } });
    }, retryDelay);
  }

  function refused(e) {
    /* The laptop will not take these answers (quiz closed, handed in, another phone). */
    state.queue = [];
    save();
    if (e.code === 'already_submitted') { resume(); return; }
    message(e.message);
  }

  /* --- review, submit, result ------------------------------------------------------- */

  function renderReview() {
    var list = $('review-list');
    list.innerHTML = '';
    var blank = 0;
    state.attempt.questions.forEach(function (q, i) {
      var chosen = state.answers[q.key] || [];
      var letters = q.options.filter(function (o) { return chosen.indexOf(o.index) >= 0; })
        .map(function (o) { return o.letter; }).join(', ');
      if (!letters) { blank += 1; }
      var li = document.createElement('li');
      var b = document.createElement('button');
      b.type = 'button';
      b.innerHTML = '';
      var label = document.createElement('span');
      label.textContent = 'Câu ' + (i + 1) + ': ';
      var value = document.createElement('span');
      value.textContent = letters || 'chưa trả lời';
      if (!letters) { value.className = 'blank'; }
      b.appendChild(label);
      b.appendChild(value);
      b.addEventListener('click', function () { state.index = i; renderQuestion(); });
      li.appendChild(b);
      list.appendChild(li);
    });
    $('review-summary').textContent = blank ? 'Còn ' + blank + ' câu chưa trả lời; chạm vào câu ' +
      'để làm tiếp.' : 'Đã trả lời đủ các câu.';
    state.blank = blank;
    show('review');
  }

  function askSubmit() {
    var blank = state.blank || 0;
    $('submit-summary').textContent = blank ? 'Còn ' + blank + ' câu chưa trả lời.' :
      'Anh/chị đã trả lời đủ ' + state.attempt.questions.length + ' câu.';
    $('submit-yes').disabled = false;
    show('submit');
  }

  async function submit() {
    $('submit-yes').disabled = true;
    await flush();
    if (state.queue.length) {
      $('submit-summary').textContent = 'Chưa gửi được hết câu trả lời; đang thử lại…';
      poll(submit, 2000);
      return;
    }
    try {
      var data = await call('POST', 'submit', { device: state.device,
        attempt: state.attempt.attempt_id });
      showResult(data);
    } catch (e) {
      if (e instanceof ApiError) { message(e.message); return; }
      $('submit-summary').textContent = 'Chưa kết nối được với máy tính; đang thử lại…';
      poll(submit, 3000);
    }
  }

  function showResult(data) {
    stopPolling();
    state.result = data;
    state.queue = [];
    save();
    $('result-name').textContent = state.attempt ? state.attempt.name :
      (state.person ? state.person.name : '');
    $('result-score').textContent = data.score !== undefined ? 'Điểm: ' +
      String(data.score).replace('.', ',') + '/10 (' + data.correct + '/' + data.total +
      ' câu đúng)' : '';
    var pass = $('result-pass');
    pass.textContent = data.passed === undefined ? '' : data.passed ? 'Đạt ✓' : 'Chưa đạt';
    pass.className = 'pass ' + (data.passed ? 'yes' : 'no');
    var list = $('result-list');
    list.innerHTML = '';
    (data.outcomes || []).forEach(function (o, i) {
      var li = document.createElement('li');
      li.className = o.is_correct ? 'right' : 'wrong';
      var head = document.createElement('div');
      var mark = document.createElement('span');
      mark.className = 'mark';
      mark.textContent = (o.is_correct ? '✓ Đúng' : '✗ Sai') + ' — câu ' + (i + 1) + ': ';
      head.appendChild(mark);
      head.appendChild(document.createTextNode(o.text));
      li.appendChild(head);
      var chose = document.createElement('div');
      chose.className = 'chose';
      chose.textContent = 'Anh/chị chọn: ' + (o.chosen.length ? o.chosen.join('; ') : 'không trả lời');
      li.appendChild(chose);
      var right = document.createElement('div');
      right.textContent = 'Đáp án đúng: ' + o.correct.join('; ');
      li.appendChild(right);
      if (o.explanation) {
        var ex = document.createElement('div');
        ex.className = 'explain';
        ex.textContent = o.explanation;
        li.appendChild(ex);
      }
      list.appendChild(li);
    });
    show('result');
  }

  /* --- coming back: reload, screen lock, Zalo and back, network back ------------------- */

  async function resume() {
    if (!state.attempt) { return; }
    try {
      var data = await call('GET', 'attempt?attempt=' + state.attempt.attempt_id +
        '&device=' + state.device);
      if (data.submitted) { showResult(data); return; }
      var local = state.answers;
      var queued = {};
      state.queue.forEach(function (t) { queued[t.question] = true; });
      state.attempt = data;
      state.answers = data.answers || {};
      Object.keys(queued).forEach(function (k) { state.answers[k] = local[k]; });
      state.counter = Math.max(state.counter, data.counter || 0);
      save();
      if (state.screen === 'question' || state.screen === 'message') { renderQuestion(); }
      flush();
    } catch (e) {
      if (e instanceof ApiError) {
        if (e.code === 'other_device') {
          var person = state.person;
          reset();
          if (person) { pick(person); $('confirm-msg').textContent = e.message; }
          else { message(e.message); }
          return;
        }
        state.queue = [];
        save();
        message(e.message);
      } else {
        scheduleRetry();
      }
    }
  }

  function wake() {
    if (state.attempt && !state.result) { resume(); } else { flush(); }
  }

  function listen() {
    if (!window.EventSource) { return; }  /* the page polls instead */
    var source = new EventSource(BASE + '/api/events?device=' + state.device);
    source.onmessage = function (ev) {
      var data = {};
      try { data = JSON.parse(ev.data); } catch (e) { return; }
      if (data.type === 'claim' && state.screen === 'confirm') { start(); }
      else if (data.type === 'walkin') { checkWalkIn(); }
      else if (data.type === 'taken' && state.attempt && !state.result) { resume(); }
      else if (data.type === 'stopping') { setOnline(false); }
    };
    source.onopen = function () { setOnline(true); flush(); };
  }

  /* --- wiring ------------------------------------------------------------------------- */

  var searchTimer = null;
  function typed() {
    /* Matches follow the typing; a short pause keeps a fast typist under the laptop's
       limit of 30 searches a minute. */
    if (searchTimer) { clearTimeout(searchTimer); }
    searchTimer = setTimeout(function () { searchTimer = null; search(); }, 200);
  }

  function wire() {
    $('name').addEventListener('input', typed);
    $('not-listed').addEventListener('click', function () {
      $('walkin-name').value = $('name').value;
      $('walkin-msg').textContent = 'Cán bộ sẽ xác nhận tên của anh/chị trên máy tính.';
      $('walkin-msg').className = 'hint';
      $('walkin-send').disabled = false;
      show('walkin');
    });
    $('walkin-send').addEventListener('click', sendWalkIn);
    $('walkin-back').addEventListener('click', function () { stopPolling(); show('name'); });
    $('start').addEventListener('click', start);
    $('not-me').addEventListener('click', function () {
      stopPolling();
      state.person = null;
      show('name');
      $('name').focus();
    });
    $('prev').addEventListener('click', function () {
      if (state.index > 0) { state.index -= 1; renderQuestion(); }
    });
    $('next').addEventListener('click', function () {
      if (state.index < state.attempt.questions.length - 1) { state.index += 1; renderQuestion(); }
      else { renderReview(); }
    });
    $('review-back').addEventListener('click', function () { renderQuestion(); });
    $('submit').addEventListener('click', askSubmit);
    $('submit-no').addEventListener('click', renderReview);
    $('submit-yes').addEventListener('click', submit);
    $('message-back').addEventListener('click', function () { reset(); show('name'); });
    window.addEventListener('online', wake);
    document.addEventListener('visibilitychange', function () {
      if (!document.hidden) { wake(); }
    });
  }

  async function info() {
    try {
      var data = await call('GET', 'info');
      if (data.unit) { $('unit').textContent = data.unit; }
      $('quiz-title').textContent = data.title;
      document.title = data.title + ' — ' + (data.unit || 'Tập huấn cộng tác viên');
    } catch (e) { /* shown again on the next try */ }
  }

  wire();
  info();
  listen();
  if (state.result) {
    showResult(state.result);
  } else if (state.attempt) {
    if (state.screen === 'review' || state.screen === 'submit') { renderReview(); }
    else { renderQuestion(); }
    resume();
  } else if (state.walkin) {
    $('walkin-name').value = state.walkin.name;
    show('walkin');
    checkWalkIn();
  } else if (state.person && state.screen === 'confirm') {
    pick(state.person);
  } else {
    show('name');
    $('name').focus();
  }
}());
