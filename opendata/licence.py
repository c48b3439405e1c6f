"""The terms every download is published under, in one place for the page,
the files' catalogue entry and the API description."""

LICENCE_NAME = "クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0）"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.ja"
LICENCE_URI = "https://creativecommons.org/licenses/by/4.0/"
ATTRIBUTION = "出典：ICT地域活性化ポータル（総務省・内閣官房の公表資料（2016〜2018年）に基づき作成）"
PUBLISHER = "ICT地域活性化ポータル"
