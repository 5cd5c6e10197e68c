// The participant's page of a Tideline room: join with the PIN and a delegation name, set the
// weights of the families and of the criteria within each family, submit, revise, and see the
// group result once the facilitator reveals it. The contract with the server is
// docs/room-protocol.md. Everything that comes from the server or the user is
// inserted as text, never as HTML.
"use strict";

(function () {
  // ---------------------------------------------------------------------------------------
  // Words, in every language of the page. `{0}`, `{1}` are filled in by `fill`.
  // ---------------------------------------------------------------------------------------
  const TEXTS = {
    en: {
      app_title: "Tideline — the room",
      needs_script: "This page needs JavaScript.",
      lang_label: "Language",
      join_heading: "Join the session",
      join_intro: "Enter the PIN shown on the screen and the name of your delegation.",
      pin_label: "PIN (six digits)",
      name_label: "Delegation",
      join_button: "Join",
      busy: "Please wait…",
      weights_heading: "Your weights",
      delegation_as: "Delegation: {0}",
      weights_intro: "Give each family, and each criterion within its family, from 0 to 100 points. The percentages show the resulting weights. No other delegation sees your weights.",
      points_of: "{0}: points",
      family_share: "{0} of the total",
      criterion_share: "{0} of its family · {1} of the total",
      submit_button: "Submit my weights",
      resubmit_button: "Submit my revised weights",
      received: "Your weights were received at {0} (revision {1}). You may revise them and submit again until the facilitator closes submissions.",
      state_open: "Submissions are open.",
      state_closed: "The facilitator has closed submissions. Your last submitted weights count.",
      state_closed_none: "The facilitator has closed submissions.",
      leave_button: "Leave this session",
      result_heading: "Group result",
      result_intro: "The facilitator has revealed the group result.",
      method: "Method: {0}",
      method_wsm: "Weighted sum",
      method_wpm: "Weighted product",
      ranking_heading: "Ranking of the options",
      group_weights_heading: "Group weights",
      score: "score {0}",
      err_pin_format: "Enter the six digits of the PIN.",
      err_name_empty: "Enter the name of your delegation.",
      err_name_long: "The name can have at most 60 characters.",
      err_name_control: "The name contains characters that cannot be used.",
      err_points: "Enter a number from 0 to 100.",
      err_all_zero: "Give at least one family more than 0 points.",
      err_family_zero: "Give at least one criterion of this family more than 0 points, or give the family 0 points.",
      err_fix_above: "Some weights need correcting: see the messages above.",
      malformed: "The server did not understand the request. Reload the page and try again.",
      wrong_pin: "Wrong PIN. Check the six digits shown on the screen.",
      blocked: "Too many wrong PINs were entered from this device. Ask the facilitator for help.",
      name_taken: "Another participant is already using this delegation name. Choose another name or ask the facilitator.",
      closed: "The facilitator has closed submissions; your weights were not sent.",
      unknown_participant: "The session no longer knows you (the facilitator may have removed your submission). Please join again.",
      too_large: "The request was too large to send.",
      invalid: "The server refused these weights or this name. Check them and try again.",
      scenario_changed: "The facilitator has changed the criteria. Check your weights and submit again.",
      slow_down: "Too many attempts. Try again in {0} s.",
      full: "The session is full. Ask the facilitator for help.",
      network: "Cannot reach the facilitator's computer. Check that you are on the room's Wi-Fi, then try again.",
      unexpected: "Unexpected answer from the server ({0}).",
    },
    "zh-CN": {
      app_title: "Tideline 会场",
      needs_script: "此页面需要启用 JavaScript。",
      lang_label: "语言",
      join_heading: "加入本次会议",
      join_intro: "请输入屏幕上显示的 PIN 码和贵代表团的名称。",
      pin_label: "PIN 码（六位数字）",
      name_label: "代表团",
      join_button: "加入",
      busy: "请稍候…",
      weights_heading: "您的权重",
      delegation_as: "代表团：{0}",
      weights_intro: "请为每个类别以及每个类别内的各项准则打 0 至 100 分。百分比显示由此得出的权重。其他代表团看不到您的权重。",
      points_of: "{0}：分数",
      family_share: "占总权重的 {0}",
      criterion_share: "占所属类别的 {0} · 占总权重的 {1}",
      submit_button: "提交我的权重",
      resubmit_button: "提交修改后的权重",
      received: "已于 {0} 收到您的权重（第 {1} 版）。在主持人停止接收提交之前，您可以修改并重新提交。",
      state_open: "正在接收提交。",
      state_closed: "主持人已停止接收提交。以您最后提交的权重为准。",
      state_closed_none: "主持人已停止接收提交。",
      leave_button: "退出本次会议",
      result_heading: "小组结果",
      result_intro: "主持人已公布小组结果。",
      method: "方法：{0}",
      method_wsm: "加权和法",
      method_wpm: "加权积法",
      ranking_heading: "方案排名",
      group_weights_heading: "小组权重",
      score: "得分 {0}",
      err_pin_format: "请输入六位数字的 PIN 码。",
      err_name_empty: "请输入贵代表团的名称。",
      err_name_long: "名称最多 60 个字符。",
      err_name_control: "名称中含有不能使用的字符。",
      err_points: "请输入 0 至 100 之间的数字。",
      err_all_zero: "至少要有一个类别的分数大于 0。",
      err_family_zero: "该类别中至少要有一项准则的分数大于 0；否则请将该类别设为 0 分。",
      err_fix_above: "有些权重需要更正，请查看上方的提示。",
      malformed: "服务器无法理解该请求。请重新加载页面后再试。",
      wrong_pin: "PIN 码错误。请核对屏幕上显示的六位数字。",
      blocked: "此设备输入错误 PIN 码的次数过多。请向主持人求助。",
      name_taken: "已有其他参与者使用此代表团名称。请换一个名称，或询问主持人。",
      closed: "主持人已停止接收提交，您的权重未发送。",
      unknown_participant: "本次会议已无法识别您（主持人可能删除了您的提交）。请重新加入。",
      too_large: "请求过大，无法发送。",
      invalid: "服务器拒绝了这些权重或该名称。请检查后再试。",
      scenario_changed: "主持人修改了准则。请检查您的权重后重新提交。",
      slow_down: "尝试次数过多。请在 {0} 秒后再试。",
      full: "本次会议人数已满。请向主持人求助。",
      network: "无法连接主持人的电脑。请确认您已连接会场的 Wi-Fi，然后再试。",
      unexpected: "服务器返回了意外的答复（{0}）。",
    },
    fr: {
      app_title: "Tideline — la salle",
      needs_script: "Cette page nécessite JavaScript.",
      lang_label: "Langue",
      join_heading: "Rejoindre la séance",
      join_intro: "Saisissez le code PIN affiché à l'écran et le nom de votre délégation.",
      pin_label: "Code PIN (six chiffres)",
      name_label: "Délégation",
      join_button: "Rejoindre",
      busy: "Veuillez patienter…",
      weights_heading: "Vos pondérations",
      delegation_as: "Délégation\u00a0: {0}",
      weights_intro: "Attribuez de 0 à 100 points à chaque famille, et à chaque critère au sein de sa famille. Les pourcentages indiquent les pondérations qui en résultent. Aucune autre délégation ne voit vos pondérations.",
      points_of: "{0}\u00a0: points",
      family_share: "{0} du total",
      criterion_share: "{0} de sa famille · {1} du total",
      submit_button: "Envoyer mes pondérations",
      resubmit_button: "Envoyer mes pondérations révisées",
      received: "Vos pondérations ont été reçues à {0} (révision {1}). Vous pouvez les modifier et les renvoyer jusqu'à ce que le facilitateur clôture les envois.",
      state_open: "Les envois sont ouverts.",
      state_closed: "Le facilitateur a clôturé les envois. Vos dernières pondérations envoyées sont retenues.",
      state_closed_none: "Le facilitateur a clôturé les envois.",
      leave_button: "Quitter la séance",
      result_heading: "Résultat du groupe",
      result_intro: "Le facilitateur a dévoilé le résultat du groupe.",
      method: "Méthode\u00a0: {0}",
      method_wsm: "Somme pondérée",
      method_wpm: "Produit pondéré",
      ranking_heading: "Classement des options",
      group_weights_heading: "Pondérations du groupe",
      score: "score {0}",
      err_pin_format: "Saisissez les six chiffres du code PIN.",
      err_name_empty: "Saisissez le nom de votre délégation.",
      err_name_long: "Le nom peut comporter au plus 60 caractères.",
      err_name_control: "Le nom contient des caractères non autorisés.",
      err_points: "Saisissez un nombre entre 0 et 100.",
      err_all_zero: "Attribuez plus de 0 point à au moins une famille.",
      err_family_zero: "Attribuez plus de 0 point à au moins un critère de cette famille, ou 0 point à la famille.",
      err_fix_above: "Certaines pondérations sont à corriger\u00a0: voir les messages ci-dessus.",
      malformed: "Le serveur n'a pas compris la requête. Rechargez la page et réessayez.",
      wrong_pin: "Code PIN erroné. Vérifiez les six chiffres affichés à l'écran.",
      blocked: "Trop de codes PIN erronés ont été saisis depuis cet appareil. Demandez de l'aide au facilitateur.",
      name_taken: "Un autre participant utilise déjà ce nom de délégation. Choisissez-en un autre ou adressez-vous au facilitateur.",
      closed: "Le facilitateur a clôturé les envois\u00a0; vos pondérations n'ont pas été envoyées.",
      unknown_participant: "La séance ne vous reconnaît plus (le facilitateur a peut-être retiré votre envoi). Veuillez la rejoindre à nouveau.",
      too_large: "La requête est trop volumineuse pour être envoyée.",
      invalid: "Le serveur a refusé ces pondérations ou ce nom. Vérifiez-les et réessayez.",
      scenario_changed: "Le facilitateur a modifié les critères. Vérifiez vos pondérations et renvoyez-les.",
      slow_down: "Trop de tentatives. Réessayez dans {0}\u00a0s.",
      full: "La séance est complète. Demandez de l'aide au facilitateur.",
      network: "Impossible de joindre l'ordinateur du facilitateur. Vérifiez que vous êtes connecté au Wi-Fi de la salle, puis réessayez.",
      unexpected: "Réponse inattendue du serveur ({0}).",
    },
    es: {
      app_title: "Tideline — la sala",
      needs_script: "Esta página necesita JavaScript.",
      lang_label: "Idioma",
      join_heading: "Unirse a la sesión",
      join_intro: "Introduzca el PIN que aparece en la pantalla y el nombre de su delegación.",
      pin_label: "PIN (seis dígitos)",
      name_label: "Delegación",
      join_button: "Unirse",
      busy: "Espere, por favor…",
      weights_heading: "Sus ponderaciones",
      delegation_as: "Delegación: {0}",
      weights_intro: "Asigne de 0 a 100 puntos a cada familia y a cada criterio dentro de su familia. Los porcentajes muestran las ponderaciones resultantes. Ninguna otra delegación ve sus ponderaciones.",
      points_of: "{0}: puntos",
      family_share: "{0} del total",
      criterion_share: "{0} de su familia · {1} del total",
      submit_button: "Enviar mis ponderaciones",
      resubmit_button: "Enviar mis ponderaciones revisadas",
      received: "Sus ponderaciones se recibieron a las {0} (revisión {1}). Puede modificarlas y volver a enviarlas hasta que el facilitador cierre los envíos.",
      state_open: "Los envíos están abiertos.",
      state_closed: "El facilitador ha cerrado los envíos. Cuentan las últimas ponderaciones que envió.",
      state_closed_none: "El facilitador ha cerrado los envíos.",
      leave_button: "Salir de la sesión",
      result_heading: "Resultado del grupo",
      result_intro: "El facilitador ha revelado el resultado del grupo.",
      method: "Método: {0}",
      method_wsm: "Suma ponderada",
      method_wpm: "Producto ponderado",
      ranking_heading: "Clasificación de las opciones",
      group_weights_heading: "Ponderaciones del grupo",
      score: "puntuación {0}",
      err_pin_format: "Introduzca los seis dígitos del PIN.",
      err_name_empty: "Introduzca el nombre de su delegación.",
      err_name_long: "El nombre puede tener como máximo 60 caracteres.",
      err_name_control: "El nombre contiene caracteres no permitidos.",
      err_points: "Introduzca un número entre 0 y 100.",
      err_all_zero: "Asigne más de 0 puntos al menos a una familia.",
      err_family_zero: "Asigne más de 0 puntos al menos a un criterio de esta familia, o 0 puntos a la familia.",
      err_fix_above: "Hay ponderaciones que corregir: vea los mensajes de arriba.",
      malformed: "El servidor no entendió la solicitud. Vuelva a cargar la página e inténtelo de nuevo.",
      wrong_pin: "PIN incorrecto. Compruebe los seis dígitos que aparecen en la pantalla.",
      blocked: "Se han introducido demasiados PIN incorrectos desde este dispositivo. Pida ayuda al facilitador.",
      name_taken: "Otro participante ya usa este nombre de delegación. Elija otro o consulte al facilitador.",
      closed: "El facilitador ha cerrado los envíos; sus ponderaciones no se enviaron.",
      unknown_participant: "La sesión ya no lo reconoce (puede que el facilitador haya retirado su envío). Vuelva a unirse.",
      too_large: "La solicitud es demasiado grande para enviarla.",
      invalid: "El servidor rechazó estas ponderaciones o este nombre. Revíselos e inténtelo de nuevo.",
      scenario_changed: "El facilitador ha modificado los criterios. Revise sus ponderaciones y vuelva a enviarlas.",
      slow_down: "Demasiados intentos. Vuelva a intentarlo dentro de {0} s.",
      full: "La sesión está completa. Pida ayuda al facilitador.",
      network: "No se puede conectar con el ordenador del facilitador. Compruebe que está conectado a la wifi de la sala e inténtelo de nuevo.",
      unexpected: "Respuesta inesperada del servidor ({0}).",
    },
    ru: {
      app_title: "Tideline — зал",
      needs_script: "Для этой страницы нужен JavaScript.",
      lang_label: "Язык",
      join_heading: "Присоединиться к сеансу",
      join_intro: "Введите PIN-код, показанный на экране, и название вашей делегации.",
      pin_label: "PIN-код (шесть цифр)",
      name_label: "Делегация",
      join_button: "Присоединиться",
      busy: "Подождите…",
      weights_heading: "Ваши веса",
      delegation_as: "Делегация: {0}",
      weights_intro: "Присвойте каждой группе критериев и каждому критерию внутри группы от 0 до 100 баллов. Проценты показывают итоговые веса. Другие делегации ваших весов не видят.",
      points_of: "{0}: баллы",
      family_share: "{0} от общего веса",
      criterion_share: "{0} в группе · {1} в целом",
      submit_button: "Отправить мои веса",
      resubmit_button: "Отправить исправленные веса",
      received: "Ваши веса получены в {0} (версия {1}). Вы можете изменить их и отправить снова, пока координатор не закроет приём.",
      state_open: "Приём открыт.",
      state_closed: "Координатор закрыл приём. Учитываются последние отправленные вами веса.",
      state_closed_none: "Координатор закрыл приём.",
      leave_button: "Выйти из сеанса",
      result_heading: "Общий результат",
      result_intro: "Координатор открыл общий результат.",
      method: "Метод: {0}",
      method_wsm: "Взвешенная сумма",
      method_wpm: "Взвешенное произведение",
      ranking_heading: "Ранжирование вариантов",
      group_weights_heading: "Общие веса",
      score: "оценка {0}",
      err_pin_format: "Введите шесть цифр PIN-кода.",
      err_name_empty: "Введите название вашей делегации.",
      err_name_long: "Название может содержать не более 60 символов.",
      err_name_control: "Название содержит недопустимые символы.",
      err_points: "Введите число от 0 до 100.",
      err_all_zero: "Присвойте хотя бы одной группе больше 0 баллов.",
      err_family_zero: "Присвойте хотя бы одному критерию этой группы больше 0 баллов или присвойте группе 0 баллов.",
      err_fix_above: "Некоторые веса нужно исправить: см. сообщения выше.",
      malformed: "Сервер не понял запрос. Обновите страницу и попробуйте снова.",
      wrong_pin: "Неверный PIN-код. Проверьте шесть цифр на экране.",
      blocked: "С этого устройства введено слишком много неверных PIN-кодов. Обратитесь к координатору.",
      name_taken: "Это название делегации уже использует другой участник. Выберите другое или обратитесь к координатору.",
      closed: "Координатор закрыл приём; ваши веса не отправлены.",
      unknown_participant: "Сеанс вас больше не узнаёт (возможно, координатор удалил ваши данные). Присоединитесь снова.",
      too_large: "Запрос слишком велик для отправки.",
      invalid: "Сервер отклонил эти веса или это название. Проверьте их и попробуйте снова.",
      scenario_changed: "Координатор изменил критерии. Проверьте свои веса и отправьте их снова.",
      slow_down: "Слишком много попыток. Повторите через {0} с.",
      full: "Сеанс заполнен. Обратитесь к координатору.",
      network: "Нет связи с компьютером координатора. Убедитесь, что вы подключены к Wi-Fi зала, и попробуйте снова.",
      unexpected: "Неожиданный ответ сервера ({0}).",
    },
    ar: {
      app_title: "Tideline — القاعة",
      needs_script: "تتطلب هذه الصفحة JavaScript.",
      lang_label: "اللغة",
      join_heading: "الانضمام إلى الجلسة",
      join_intro: "أدخِل الرقم السري (PIN) المعروض على الشاشة واسم وفدك.",
      pin_label: "الرقم السري PIN (ستة أرقام)",
      name_label: "الوفد",
      join_button: "انضمام",
      busy: "يُرجى الانتظار…",
      weights_heading: "أوزانك",
      delegation_as: "الوفد: {0}",
      weights_intro: "امنح كل فئة، وكل معيار داخل فئته، من 0 إلى 100 نقطة. تُظهر النسب المئوية الأوزان الناتجة. لا يرى أي وفد آخر أوزانك.",
      points_of: "{0}: النقاط",
      family_share: "{0} من المجموع",
      criterion_share: "{0} من فئته · {1} من المجموع",
      submit_button: "إرسال أوزاني",
      resubmit_button: "إرسال أوزاني المعدَّلة",
      received: "وصلت أوزانك في الساعة {0} (النسخة {1}). يمكنك تعديلها وإرسالها مجددًا إلى أن يغلق الميسِّر باب الإرسال.",
      state_open: "باب الإرسال مفتوح.",
      state_closed: "أغلق الميسِّر باب الإرسال. تُحتسب آخر أوزان أرسلتها.",
      state_closed_none: "أغلق الميسِّر باب الإرسال.",
      leave_button: "مغادرة الجلسة",
      result_heading: "النتيجة الجماعية",
      result_intro: "كشف الميسِّر عن النتيجة الجماعية.",
      method: "الطريقة: {0}",
      method_wsm: "المجموع المرجَّح",
      method_wpm: "الجداء المرجَّح",
      ranking_heading: "ترتيب الخيارات",
      group_weights_heading: "الأوزان الجماعية",
      score: "الدرجة {0}",
      err_pin_format: "أدخِل الأرقام الستة للرقم السري.",
      err_name_empty: "أدخِل اسم وفدك.",
      err_name_long: "لا يجوز أن يتجاوز الاسم 60 حرفًا.",
      err_name_control: "يحتوي الاسم على أحرف غير مسموح بها.",
      err_points: "أدخِل عددًا من 0 إلى 100.",
      err_all_zero: "امنح فئة واحدة على الأقل أكثر من 0 نقطة.",
      err_family_zero: "امنح معيارًا واحدًا على الأقل في هذه الفئة أكثر من 0 نقطة، أو امنح الفئة 0 نقطة.",
      err_fix_above: "بعض الأوزان تحتاج إلى تصحيح: انظر الرسائل أعلاه.",
      malformed: "لم يفهم الخادم الطلب. أعِد تحميل الصفحة وحاول مرة أخرى.",
      wrong_pin: "الرقم السري غير صحيح. تحقَّق من الأرقام الستة المعروضة على الشاشة.",
      blocked: "أُدخِل عدد كبير جدًا من الأرقام السرية الخاطئة من هذا الجهاز. اطلب المساعدة من الميسِّر.",
      name_taken: "يستخدم مشارك آخر اسم الوفد هذا. اختر اسمًا آخر أو راجِع الميسِّر.",
      closed: "أغلق الميسِّر باب الإرسال؛ لم تُرسَل أوزانك.",
      unknown_participant: "لم تعد الجلسة تتعرف عليك (ربما حذف الميسِّر ما أرسلته). يُرجى الانضمام مرة أخرى.",
      too_large: "الطلب أكبر من أن يُرسَل.",
      invalid: "رفض الخادم هذه الأوزان أو هذا الاسم. تحقَّق منها وحاول مرة أخرى.",
      scenario_changed: "عدَّل الميسِّر المعايير. تحقَّق من أوزانك وأرسلها مرة أخرى.",
      slow_down: "محاولات كثيرة جدًا. حاول مرة أخرى بعد {0} ثانية.",
      full: "اكتمل عدد المشاركين في الجلسة. اطلب المساعدة من الميسِّر.",
      network: "تعذَّر الوصول إلى حاسوب الميسِّر. تأكَّد من اتصالك بشبكة Wi-Fi في القاعة، ثم حاول مرة أخرى.",
      unexpected: "ردّ غير متوقع من الخادم ({0}).",
    },
  };
  const LANGS = Object.keys(TEXTS);
  const RTL = new Set(["ar"]);
  // Locales for numbers and times: Western digits everywhere, as in the number fields.
  const LOCALES = { en: "en-GB", "zh-CN": "zh-CN", fr: "fr-FR", es: "es-ES", ru: "ru-RU", ar: "ar-u-nu-latn" };

  const STORE_LANG = "tideline-room-lang";
  const STORE_SESSION = "tideline-room-session";
  const POLL_MS = 3000;
  const MAX_POINTS = 100;
  const START_POINTS = 50; // everyone starts at equal weights: no anchoring

  let lang = "en";

  // The participant's state; each of `items` (a family or a criterion) holds the points its
  // inputs show.
  const state = {
    pin: "",
    token: "",
    delegation: "",
    scenario: null,
    open: true,
    revealed: false,
    result: null,
    receipt: null, // {revision, received, …} of the last accepted submission
    items: [], // {kind, id, family, points, valid, range, number, …}
    pollTimer: 0,
    polling: false,
    retryUntil: 0,
  };

  const $ = (id) => document.getElementById(id);

  function t(key) {
    const table = TEXTS[lang] || TEXTS.en;
    if (own(table, key)) return table[key];
    return own(TEXTS.en, key) ? TEXTS.en[key] : key;
  }

  // `template` with `{0}`, `{1}` replaced by the given values, as a list of strings and nodes.
  function parts(template, values) {
    const out = [];
    let rest = template;
    const re = /\{(\d)\}/;
    let m;
    while ((m = re.exec(rest)) !== null) {
      if (m.index > 0) out.push(rest.slice(0, m.index));
      const v = values[Number(m[1])];
      out.push(v === undefined ? "" : v);
      rest = rest.slice(m.index + m[0].length);
    }
    if (rest) out.push(rest);
    return out;
  }

  function fill(template, ...values) {
    return parts(template, values.map(String)).join("");
  }

  // Sets an element's content to a template whose placeholders are nodes (or text).
  function fillNodes(el, template, ...values) {
    el.replaceChildren(...parts(template, values));
  }

  const own = (obj, key) => obj !== null && typeof obj === "object" && Object.prototype.hasOwnProperty.call(obj, key);

  // The scenario's own name in the page's language: `names[lang]`, then a name in the same
  // language of another region, then `name`.
  function nameIn(obj, namesKey = "names", nameKey = "name") {
    const names = own(obj, namesKey) ? obj[namesKey] : null;
    if (names && typeof names === "object") {
      if (own(names, lang) && typeof names[lang] === "string" && names[lang]) return names[lang];
      const base = lang.split("-")[0];
      for (const key of Object.keys(names)) {
        if (key.split("-")[0] === base && typeof names[key] === "string" && names[key]) return names[key];
      }
    }
    return own(obj, nameKey) && typeof obj[nameKey] === "string" ? obj[nameKey] : "";
  }

  // ---------------------------------------------------------------------------------------
  // Language
  // ---------------------------------------------------------------------------------------
  function initialLang() {
    let stored = null;
    try {
      stored = localStorage.getItem(STORE_LANG);
    } catch (e) {
      stored = null;
    }
    if (stored && TEXTS[stored]) return stored;
    for (const wanted of navigator.languages || [navigator.language || "en"]) {
      const w = String(wanted).toLowerCase();
      const exact = LANGS.find((l) => l.toLowerCase() === w);
      if (exact) return exact;
      const base = LANGS.find((l) => l.split("-")[0].toLowerCase() === w.split("-")[0]);
      if (base) return base;
    }
    return "en";
  }

  function setLang(next) {
    lang = TEXTS[next] ? next : "en";
    const html = document.documentElement;
    html.lang = lang;
    html.dir = RTL.has(lang) ? "rtl" : "ltr";
    $("lang").value = lang;
    document.title = t("app_title");
    for (const el of document.querySelectorAll("[data-t]")) el.textContent = t(el.dataset.t);
    // Messages already shown are said again in the new language.
    for (const el of document.querySelectorAll("[data-msg]")) showMessage(el, el.dataset.msg, el.dataset.arg);
    if (state.scenario) {
      renderScenarioText();
      updateShares();
      renderState();
      renderReceipt();
      renderResult();
    }
    renderSubmitLabel();
  }

  // ---------------------------------------------------------------------------------------
  // Messages next to what caused them
  // ---------------------------------------------------------------------------------------
  function showMessage(el, key, arg) {
    if (!key) {
      clearMessage(el);
      return;
    }
    el.dataset.msg = key;
    if (arg !== undefined && arg !== null) el.dataset.arg = String(arg);
    else delete el.dataset.arg;
    const text = own(TEXTS.en, key) ? fill(t(key), arg === undefined ? "" : arg) : fill(t("unexpected"), key);
    el.textContent = text;
    const field = el.id.endsWith("-error") ? $(el.id.slice(0, -"-error".length)) : null;
    if (field && field.tagName === "INPUT") field.setAttribute("aria-invalid", "true");
  }

  function clearMessage(el) {
    delete el.dataset.msg;
    delete el.dataset.arg;
    el.textContent = "";
    const field = el.id.endsWith("-error") ? $(el.id.slice(0, -"-error".length)) : null;
    if (field && field.tagName === "INPUT") field.removeAttribute("aria-invalid");
  }

  // ---------------------------------------------------------------------------------------
  // Talking to the server
  // ---------------------------------------------------------------------------------------
  // POSTs `body` to `path`. Resolves to {ok: true, data} or {ok: false, code, retryAfter};
  // never rejects.
  async function post(path, body) {
    let response;
    try {
      response = await fetch(path, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        cache: "no-store",
        credentials: "omit",
      });
    } catch (e) {
      return { ok: false, code: "network" };
    }
    let data = null;
    try {
      data = await response.json();
    } catch (e) {
      data = null;
    }
    if (response.ok && data && typeof data === "object") return { ok: true, data };
    let code = data && typeof data.error === "string" ? data.error : "";
    if (!code) code = response.ok ? "malformed" : "HTTP " + response.status;
    const retry = Number.parseInt(response.headers.get("Retry-After") || "", 10);
    return { ok: false, code, retryAfter: Number.isFinite(retry) && retry > 0 ? retry : 1 };
  }

  // Keeps `button` disabled for `seconds`, counting down in `el` (429's Retry-After).
  function waitThenRetry(el, button, seconds) {
    state.retryUntil = Date.now() + seconds * 1000;
    button.disabled = true;
    const tick = () => {
      const left = Math.ceil((state.retryUntil - Date.now()) / 1000);
      if (left > 0) {
        showMessage(el, "slow_down", left);
        setTimeout(tick, 1000);
      } else {
        clearMessage(el);
        button.disabled = false;
        renderSubmitLabel();
        if (button === $("submit-button")) renderState();
      }
    };
    tick();
  }

  function saveSession() {
    try {
      localStorage.setItem(
        STORE_SESSION,
        JSON.stringify({ pin: state.pin, token: state.token, delegation: state.delegation })
      );
    } catch (e) {
      // Private browsing may forbid storage: the page still works, without resuming.
    }
  }

  function forgetSession(keepName) {
    try {
      if (keepName) {
        localStorage.setItem(STORE_SESSION, JSON.stringify({ delegation: state.delegation }));
      } else {
        localStorage.removeItem(STORE_SESSION);
      }
    } catch (e) {
      // Nothing to forget.
    }
    state.token = "";
  }

  function storedSession() {
    try {
      const s = JSON.parse(localStorage.getItem(STORE_SESSION) || "null");
      return s && typeof s === "object" ? s : null;
    } catch (e) {
      return null;
    }
  }

  // ---------------------------------------------------------------------------------------
  // Step 1: joining
  // ---------------------------------------------------------------------------------------
  const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

  function checkJoinFields() {
    const pin = $("pin").value.replace(/\s+/g, "");
    const name = $("delegation").value.trim();
    let ok = true;
    if (!/^[0-9]{6}$/.test(pin)) {
      showMessage($("pin-error"), "err_pin_format");
      ok = false;
    } else clearMessage($("pin-error"));
    const length = Array.from(name).length;
    if (length === 0) showMessage($("delegation-error"), "err_name_empty");
    else if (length > 60) showMessage($("delegation-error"), "err_name_long");
    else if (CONTROL.test(name)) showMessage($("delegation-error"), "err_name_control");
    else clearMessage($("delegation-error"));
    if (!(length > 0 && length <= 60 && !CONTROL.test(name))) ok = false;
    return ok ? { pin, name } : null;
  }

  async function join(event) {
    if (event) event.preventDefault();
    clearMessage($("join-error"));
    const fields = checkJoinFields();
    if (!fields) {
      const bad = document.querySelector("#join-form [aria-invalid=true]");
      if (bad) bad.focus();
      return;
    }
    const sameName = fields.name === state.delegation;
    const body = { pin: fields.pin, delegation: fields.name };
    if (state.token && sameName) body.token = state.token;
    await joinWith(body);
  }

  async function joinWith(body) {
    const button = $("join-button");
    button.disabled = true;
    button.textContent = t("busy");
    const answer = await post("/api/join", body);
    button.textContent = t("join_button");
    button.disabled = false;
    if (!answer.ok && answer.code === "unknown_participant" && body.token) {
      // A token from an earlier session: join afresh under the same name.
      state.token = "";
      await joinWith({ pin: body.pin, delegation: body.delegation });
      return;
    }
    if (!answer.ok) {
      joinFailed(answer);
      return;
    }
    const data = answer.data;
    if (typeof data.token !== "string" || !data.scenario || !Array.isArray(data.scenario.families)) {
      showMessage($("join-error"), "malformed");
      return;
    }
    state.pin = body.pin;
    state.delegation = body.delegation;
    state.token = data.token;
    state.scenario = data.scenario;
    state.open = data.open !== false;
    state.revealed = data.revealed === true;
    state.receipt = data.submitted && typeof data.submitted === "object" ? data.submitted : null;
    saveSession();
    showWeights(state.receipt);
    startPolling();
  }

  function joinFailed(answer) {
    switch (answer.code) {
      case "wrong_pin":
      case "blocked":
        showMessage($("pin-error"), answer.code);
        $("pin").focus();
        break;
      case "slow_down":
        waitThenRetry($("pin-error"), $("join-button"), answer.retryAfter);
        break;
      case "name_taken":
      case "invalid":
        showMessage($("delegation-error"), answer.code);
        $("delegation").focus();
        break;
      case "unknown_participant":
        // A stale token: join afresh under the same name.
        state.token = "";
        showMessage($("join-error"), answer.code);
        break;
      default:
        showMessage($("join-error"), answer.code);
    }
  }

  function showJoin() {
    stopPolling();
    $("weights").hidden = true;
    $("result").hidden = true;
    $("join").hidden = false;
  }

  // ---------------------------------------------------------------------------------------
  // Step 2: the weights
  // ---------------------------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v;
      else node.setAttribute(k, v);
    }
    node.append(...children);
    return node;
  }

  // One item (a family or a criterion): its name, a slider and a number field kept in step,
  // and the percentages that result.
  function makeItem(kind, id, key, family) {
    const range = el("input", { type: "range", id: key + "-range", min: "0", max: String(MAX_POINTS), step: "1" });
    const number = el("input", {
      type: "number",
      id: key + "-number",
      min: "0",
      max: String(MAX_POINTS),
      step: "any",
      inputmode: "decimal",
      "aria-describedby": key + "-shares " + key + "-number-error",
    });
    range.setAttribute("aria-describedby", key + "-shares");
    range.dataset[kind] = id;
    number.dataset[kind] = id;
    const name = el("label", { class: "item-name", for: key + "-range", id: key + "-name" });
    const numberLabel = el("label", { class: "visually-hidden", for: key + "-number", id: key + "-number-label" });
    const shares = el("p", { class: "shares-line", id: key + "-shares" });
    const error = el("p", { class: "error", id: key + "-number-error", "aria-live": "polite" });
    const node = el(
      "div",
      { class: "item " + kind },
      name,
      el("div", { class: "controls" }, range, numberLabel, number),
      shares,
      error
    );
    const item = { kind, id, key, family, range, number, name, numberLabel, shares, error, node, points: START_POINTS, valid: true };
    range.addEventListener("input", () => {
      item.points = Number(range.value);
      item.valid = true;
      number.value = range.value;
      clearMessage(error);
      changed();
    });
    number.addEventListener("input", () => {
      const v = number.value.trim() === "" ? Number.NaN : number.valueAsNumber;
      if (Number.isFinite(v) && v >= 0 && v <= MAX_POINTS) {
        item.points = v;
        item.valid = true;
        range.value = String(v);
        clearMessage(error);
      } else {
        item.valid = false;
        showMessage(error, "err_points");
      }
      changed();
    });
    return item;
  }

  function showWeights(submitted) {
    const box = $("families");
    box.replaceChildren();
    state.items = [];
    state.scenario.families.forEach((family, i) => {
      if (!family || typeof family.id !== "string") return;
      const fam = makeItem("family", family.id, "f" + i, null);
      fam.source = family;
      state.items.push(fam);
      const criteria = el("div", { class: "criteria", role: "group", "aria-labelledby": fam.key + "-name" });
      const famError = el("p", { class: "error", id: fam.key + "-criteria-error", "aria-live": "polite" });
      fam.criteriaError = famError;
      (Array.isArray(family.criteria) ? family.criteria : []).forEach((criterion, j) => {
        if (!criterion || typeof criterion.id !== "string") return;
        const c = makeItem("criterion", criterion.id, fam.key + "c" + j, fam);
        c.source = criterion;
        state.items.push(c);
        criteria.append(c.node);
      });
      box.append(el("section", { class: "family-card" }, fam.node, criteria, famError));
    });
    // Resume: the weights last submitted, else equal weights.
    for (const item of state.items) {
      const map = submitted ? (item.kind === "family" ? submitted.families : submitted.criteria) : null;
      const v = own(map, item.id) ? Number(map[item.id]) : START_POINTS;
      item.points = Number.isFinite(v) && v >= 0 ? Math.min(v, MAX_POINTS) : START_POINTS;
      item.range.value = String(item.points);
      item.number.value = String(item.points);
    }
    $("join").hidden = true;
    $("weights").hidden = false;
    renderScenarioText();
    updateShares();
    renderState();
    renderReceipt();
    renderResult();
    renderSubmitLabel();
  }

  function renderScenarioText() {
    fillNodes($("who"), t("delegation_as"), el("bdi", {}, state.delegation));
    $("scenario-title").textContent = nameIn(state.scenario, "titles", "title");
    for (const item of state.items) {
      const name = nameIn(item.source);
      // Isolated, so a name in another script keeps its order but the label stays aligned
      // with the page.
      item.name.replaceChildren(el("bdi", {}, name));
      item.numberLabel.textContent = fill(t("points_of"), name);
    }
  }

  // Whole percentages of `values` (fractions summing to 1, or all 0) that sum to 100: the
  // largest-remainder rule, so a column of shares always adds up.
  function percents(values) {
    const total = values.reduce((a, b) => a + b, 0);
    if (!(total > 0)) return values.map(() => 0);
    const exact = values.map((v) => (v / total) * 100);
    const out = exact.map(Math.floor);
    let left = 100 - out.reduce((a, b) => a + b, 0);
    const order = exact.map((v, i) => [v - Math.floor(v), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    for (let k = 0; left > 0 && k < order.length; k++, left--) out[order[k][1]] += 1;
    return out;
  }

  function pct(n) {
    const fmt = new Intl.NumberFormat(LOCALES[lang] || "en", { style: "percent", maximumFractionDigits: 0 });
    return fmt.format(n / 100);
  }

  function pctSpan(n, cls) {
    return el("span", { class: "pct " + cls }, n === null ? "—" : pct(n));
  }

  // Recomputes every percentage and the checks that the server will also make.
  function updateShares() {
    const families = state.items.filter((i) => i.kind === "family");
    const familyPct = percents(families.map((f) => (f.valid ? f.points : 0)));
    const familyTotal = families.reduce((a, f) => a + (f.valid ? f.points : 0), 0);
    const overallExact = [];
    const allCriteria = [];
    families.forEach((fam, i) => {
      const share = familyTotal > 0 ? fam.points / familyTotal : 0;
      fillNodes(fam.shares, t("family_share"), pctSpan(familyTotal > 0 ? familyPct[i] : null, "family-share"));
      fam.shares.querySelector(".pct").dataset.familyShare = fam.id;
      const criteria = state.items.filter((c) => c.family === fam);
      const within = percents(criteria.map((c) => (c.valid ? c.points : 0)));
      const criteriaTotal = criteria.reduce((a, c) => a + (c.valid ? c.points : 0), 0);
      criteria.forEach((c, j) => {
        c.withinPct = criteriaTotal > 0 ? within[j] : null;
        overallExact.push(criteriaTotal > 0 && fam.valid ? share * ((c.valid ? c.points : 0) / criteriaTotal) : 0);
        allCriteria.push(c);
      });
      if (fam.valid && fam.points > 0 && criteriaTotal === 0) showMessage(fam.criteriaError, "err_family_zero");
      else clearMessage(fam.criteriaError);
    });
    const overall = percents(overallExact);
    allCriteria.forEach((c, k) => {
      const within = pctSpan(c.withinPct, "within");
      within.dataset.within = c.id;
      const whole = pctSpan(familyTotal > 0 ? overall[k] : null, "overall");
      whole.dataset.overall = c.id;
      fillNodes(c.shares, t("criterion_share"), within, whole);
    });
    if (families.length > 0 && familyTotal === 0) showMessage($("families-error"), "err_all_zero");
    else clearMessage($("families-error"));
  }

  function weightsProblem() {
    return (
      state.items.some((i) => !i.valid) ||
      Boolean($("families-error").dataset.msg) ||
      state.items.some((i) => i.criteriaError && i.criteriaError.dataset.msg)
    );
  }

  function changed() {
    updateShares();
    if ($("weights-error").dataset.msg === "err_fix_above" && !weightsProblem()) clearMessage($("weights-error"));
    clearMessage($("submit-error"));
  }

  function renderState() {
    const line = $("session-state");
    if (!state.scenario) return;
    if (state.open) line.textContent = t("state_open");
    else line.textContent = t(state.receipt ? "state_closed" : "state_closed_none");
    line.classList.toggle("closed", !state.open);
    for (const item of state.items) {
      item.range.disabled = !state.open;
      item.number.disabled = !state.open;
    }
    const button = $("submit-button");
    if (Date.now() >= state.retryUntil) button.disabled = !state.open;
  }

  function renderSubmitLabel() {
    $("submit-button").textContent = t(state.receipt ? "resubmit_button" : "submit_button");
  }

  function renderReceipt() {
    const box = $("confirmation");
    if (!state.receipt) {
      box.hidden = true;
      box.textContent = "";
      return;
    }
    let when = String(state.receipt.received || "");
    const date = new Date(when);
    if (!Number.isNaN(date.getTime())) {
      when = new Intl.DateTimeFormat(LOCALES[lang] || "en", { hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(date);
    }
    box.textContent = fill(t("received"), when, state.receipt.revision);
    box.hidden = false;
  }

  async function submit(event) {
    event.preventDefault();
    clearMessage($("submit-error"));
    if (weightsProblem()) {
      showMessage($("weights-error"), "err_fix_above");
      const bad = state.items.find((i) => !i.valid);
      if (bad) bad.number.focus();
      return;
    }
    const families = Object.create(null);
    const criteria = Object.create(null);
    for (const item of state.items) (item.kind === "family" ? families : criteria)[item.id] = item.points;
    const button = $("submit-button");
    button.disabled = true;
    button.textContent = t("busy");
    const answer = await post("/api/submit", { pin: state.pin, token: state.token, families, criteria });
    button.disabled = false;
    renderSubmitLabel();
    if (answer.ok) {
      state.receipt = {
        revision: answer.data.revision,
        received: answer.data.received,
        families,
        criteria,
      };
      renderReceipt();
      renderSubmitLabel();
      renderState();
      return;
    }
    switch (answer.code) {
      case "slow_down":
        waitThenRetry($("submit-error"), button, answer.retryAfter);
        break;
      case "closed":
        state.open = false;
        renderState();
        showMessage($("submit-error"), "closed");
        break;
      case "unknown_participant":
      case "wrong_pin":
        lostSession(answer.code);
        break;
      case "invalid":
        // Perhaps the facilitator changed the criteria since this page joined.
        showMessage($("submit-error"), (await refreshScenario()) ? "scenario_changed" : "invalid");
        break;
      default:
        showMessage($("submit-error"), answer.code);
    }
  }

  // The value tree's ids, to tell whether the scenario changed.
  function treeKey(scenario) {
    return JSON.stringify(
      scenario.families.map((f) => [f && f.id, Array.isArray(f && f.criteria) ? f.criteria.map((c) => c && c.id) : []])
    );
  }

  // Asks for the session's current scenario (a join with the token resumes); when its tree
  // differs, shows the new one, keeping the points of every family and criterion still there.
  // True when the tree changed.
  async function refreshScenario() {
    const answer = await post("/api/join", { pin: state.pin, delegation: state.delegation, token: state.token });
    if (!answer.ok || !answer.data.scenario || !Array.isArray(answer.data.scenario.families)) return false;
    if (treeKey(answer.data.scenario) === treeKey(state.scenario)) return false;
    const kept = { families: Object.create(null), criteria: Object.create(null) };
    for (const item of state.items) (item.kind === "family" ? kept.families : kept.criteria)[item.id] = item.points;
    state.scenario = answer.data.scenario;
    showWeights(kept);
    return true;
  }

  // The session no longer knows this participant: back to joining, name kept.
  function lostSession(code) {
    forgetSession(true);
    state.scenario = null;
    state.receipt = null;
    $("delegation").value = state.delegation;
    if (code === "wrong_pin") {
      $("pin").value = "";
      showJoin();
      showMessage($("pin-error"), code);
    } else {
      showJoin();
      showMessage($("join-error"), code);
    }
  }

  // Back to joining, e.g. to correct the delegation's name. The token is kept with the name:
  // joining again under the same name resumes the same participant instead of finding the
  // name taken (by this very phone); under another name it is a new participant.
  function leave() {
    stopPolling();
    state.scenario = null;
    state.receipt = null;
    state.result = null;
    state.pin = "";
    try {
      localStorage.setItem(STORE_SESSION, JSON.stringify({ delegation: state.delegation, token: state.token }));
    } catch (e) {
      // Without storage the token lives on in this page only.
    }
    $("delegation").value = state.delegation;
    $("pin").value = "";
    clearMessage($("join-error"));
    showJoin();
    $("pin").focus();
  }

  // ---------------------------------------------------------------------------------------
  // The session's state, polled; the group result once revealed
  // ---------------------------------------------------------------------------------------
  function startPolling() {
    stopPolling();
    if (!document.hidden && state.token) state.pollTimer = setTimeout(poll, POLL_MS);
  }

  function stopPolling() {
    clearTimeout(state.pollTimer);
    state.pollTimer = 0;
  }

  async function poll() {
    state.pollTimer = 0;
    if (state.polling || !state.token || !state.scenario || document.hidden) return;
    state.polling = true;
    const answer = await post("/api/status", { pin: state.pin, token: state.token });
    state.polling = false;
    if (!state.token || !state.scenario) return; // left meanwhile
    let delay = POLL_MS;
    if (answer.ok) {
      const d = answer.data;
      state.open = d.open !== false;
      state.revealed = d.revealed === true;
      state.result = state.revealed && d.result && typeof d.result === "object" ? d.result : null;
      if (d.submitted === false && state.receipt) {
        // The facilitator removed the submission: it no longer counts.
        state.receipt = null;
        renderReceipt();
        renderSubmitLabel();
      }
      clearMessage($("session-error"));
      renderState();
      renderResult();
    } else if (answer.code === "unknown_participant" || answer.code === "wrong_pin") {
      lostSession(answer.code);
      return;
    } else if (answer.code === "slow_down") {
      delay = Math.max(POLL_MS, answer.retryAfter * 1000);
    } else {
      showMessage($("session-error"), answer.code);
    }
    if (!document.hidden && !state.pollTimer) state.pollTimer = setTimeout(poll, delay);
  }

  function renderResult() {
    const box = $("result");
    const r = state.result;
    if (!state.revealed || !r) {
      box.hidden = true;
      return;
    }
    // The server names the method in English; the two that are words are translated here
    // (TOPSIS, PROMETHEE II and VIKOR are names in every language).
    const METHOD_KEYS = { "Weighted sum": "method_wsm", "Weighted product": "method_wpm" };
    let method = typeof r.method === "string" ? r.method : "";
    if (own(METHOD_KEYS, method)) method = t(METHOD_KEYS[method]);
    $("result-method").textContent = method ? fill(t("method"), method) : "";
    const ranking = $("result-ranking");
    ranking.replaceChildren();
    // Names sit in a bdi (their own direction) inside a span of the page's direction, so that
    // wrapped lines align with the page.
    const score = new Intl.NumberFormat(LOCALES[lang] || "en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    for (const row of Array.isArray(r.ranking) ? r.ranking : []) {
      if (!row || typeof row !== "object") continue;
      const rank = Number.isFinite(row.rank) ? String(row.rank) : "";
      const cells = [el("span", { class: "rank" }, rank), el("span", { class: "option" }, el("bdi", {}, nameIn(row)))];
      if (Number.isFinite(row.score)) cells.push(el("span", { class: "score" }, fill(t("score"), score.format(row.score))));
      ranking.append(el("li", {}, ...cells));
    }
    const weights = $("result-weights");
    weights.replaceChildren();
    const rows = (Array.isArray(r.weights) ? r.weights : []).filter((w) => w && typeof w === "object");
    const shares = percents(rows.map((w) => (Number.isFinite(w.share) && w.share > 0 ? w.share : 0)));
    rows.forEach((w, i) => {
      const bar = el("span", { class: "bar" });
      // Styled through the CSS object model, which the page's CSP allows (no inline style).
      bar.style.inlineSize = String(Math.max(0, Math.min(100, shares[i]))) + "%";
      weights.append(
        el(
          "li",
          {},
          el("span", { class: "share-head" }, el("span", { class: "criterion" }, el("bdi", {}, nameIn(w))), el("span", { class: "pct" }, pct(shares[i]))),
          el("span", { class: "track" }, bar)
        )
      );
    });
    box.hidden = false;
  }

  // ---------------------------------------------------------------------------------------
  // Start
  // ---------------------------------------------------------------------------------------
  function start() {
    $("noscript").hidden = true;
    $("lang").addEventListener("change", () => {
      try {
        localStorage.setItem(STORE_LANG, $("lang").value);
      } catch (e) {
        // Remembering the language is a convenience only.
      }
      setLang($("lang").value);
    });
    $("join-form").addEventListener("submit", join);
    $("weights-form").addEventListener("submit", submit);
    $("leave-button").addEventListener("click", leave);
    $("pin").addEventListener("input", () => clearMessage($("pin-error")));
    $("delegation").addEventListener("input", () => clearMessage($("delegation-error")));
    document.addEventListener("visibilitychange", () => {
      if (document.hidden) stopPolling();
      else if (state.token && state.scenario && !state.pollTimer) poll();
    });
    setLang(initialLang());
    $("join").hidden = false;
    const saved = storedSession();
    if (saved && typeof saved.delegation === "string") {
      $("delegation").value = saved.delegation;
      state.delegation = saved.delegation;
      // A token kept after leaving: joining under this name again resumes it.
      if (typeof saved.token === "string") state.token = saved.token;
    }
    if (saved && typeof saved.pin === "string" && typeof saved.token === "string" && saved.token) {
      // Resume after a reload: the same participant, by its token.
      $("pin").value = saved.pin;
      state.token = saved.token;
      state.delegation = saved.delegation || "";
      joinWith({ pin: saved.pin, delegation: state.delegation, token: saved.token });
    }
  }

  start();
})();
