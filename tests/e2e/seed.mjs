// What the seed article page (../shared/seed/xjtu-news-article.txt, the
// real 交大新闻网 page behind www/feeds/home.json's first item) shows, copied
// verbatim so the end-to-end tests can check every element of it.
export const SEED = {
  id: '2024-06-09-neimenggu',
  breadcrumb: ['新闻网首页', '主页新闻'],
  current: '正文',
  section: '主页新闻',
  title: '张立群带队赴内蒙古自治区调研交流',
  source: '交大新闻网',
  /** 日期:2024-06-09 08:52 (Asia/Shanghai). */
  published: '2024-06-09T08:52:00+08:00',
  /** The feed's `_news.views`, shown until views_url answers. */
  views: 2381,
  subheads: ["深化校地合作,共绘发展蓝图", "科教支撑发展,共筑美好未来", "凝聚校友力量,推动共同发展"],
  captions: [
    "西安交通大学与内蒙古自治区人民政府签署战略合作协议",
    "张立群与贺海东为“西安交通大学内蒙古智能制造研究院”揭牌",
    "张立群为呼和浩特市第二中学授牌“西安交通大学优秀生源地基地”",
    "孙早与内蒙古科技大学党委副书记杨建林代表双方签署合作备忘录",
    "张立群一行参观校史馆,了解学校的发展历程和近年来取得的成绩",
  ],
  /** Order of the body's blocks on the seed page. */
  blocks: 'p h3 p p p figure p p p p p p figure figure h3 p p p p p p p p p figure figure h3 p p p p p p',
  paragraphs: 25,
  firstParagraph: "为推进校地合作,凝聚发展力量,深化政产学研融合,6月5日至6日,西安交通大学校长、中国工程院院士张立群带队赴内蒙古自治区调研交流。校党委副书记孙早陪同。",
  lastParagraph: "西安交大党、校办,科研院、人力资源部、招生办、校友部、机械学院有关负责同志参加相关活动。",
  credits: [
    "文字:党委宣传部 李栋,内蒙古日报,包头日报,青橙融媒,内蒙古交通集团,内蒙古科技大学",
    "图片:党委宣传部 李栋,内蒙古日报,包头日报,青橙融媒,内蒙古交通集团,内蒙古科技大学",
    "编辑:张玥",
  ],
  close: "关闭",
  related: "相关文章",
  loading: "读取内容中,请等待...",
};
