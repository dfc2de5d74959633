"""Table-driven tests of the warta_dates component (DATE / TIME spans and their values).

Every case: (lang, text, published, expected) where expected is the list of
(span_text, label, value, granularity, relative) in text order. The texts are written for these
tests. PUB is a Wednesday in ISO week 42.
"""
import pytest
import spacy

import warta.components.extensions  # noqa: F401
import warta.components.dates  # noqa: F401
from warta.components.dates import find_dates, resolve

PUB = "2024-10-16"
D, T = "DATE", "TIME"

CASES = [
    # ---------------------------------------------------------------- Indonesian: absolute
    ("id", "Data itu dirilis pada Minggu (13/10/2024).", PUB, [("Minggu (13/10/2024)", D, "2024-10-13", "day", False)]),
    ("id", "Tercatat 13/10/2024 sebagai hari rilis.", PUB, [("13/10/2024", D, "2024-10-13", "day", False)]),
    ("id", "Laporan bertanggal 13-10-2024 itu beredar.", PUB, [("13-10-2024", D, "2024-10-13", "day", False)]),
    ("id", "Surat bertanggal 05.03.2021 ditemukan.", PUB, [("05.03.2021", D, "2021-03-05", "day", False)]),
    ("id", "Jadwal 1/2/99 sudah lewat.", PUB, [("1/2/99", D, "1999-02-01", "day", False)]),
    ("id", "Dokumen 2024-10-13 diunggah.", PUB, [("2024-10-13", D, "2024-10-13", "day", False)]),
    ("id", "Acara dibuka 13 Oktober 2024 di Jakarta.", PUB, [("13 Oktober 2024", D, "2024-10-13", "day", False)]),
    ("id", "Rapat digelar Senin, 14 Oktober 2024.", PUB, [("Senin, 14 Oktober 2024", D, "2024-10-14", "day", False)]),
    ("id", "Keputusan diambil pada 9 MEI 2007.", PUB, [("9 MEI 2007", D, "2007-05-09", "day", False)]),
    ("id", "Tenggat 31 Des 2023 diperpanjang.", PUB, [("31 Des 2023", D, "2023-12-31", "day", False)]),
    ("id", "Hingga Oktober 2024, angkanya naik.", PUB, [("Oktober 2024", D, "2024-10", "month", False)]),
    ("id", "Laporan Okt. 2024 menunjukkan kenaikan.", PUB, [("Okt. 2024", D, "2024-10", "month", False)]),
    ("id", "Pada bulan Maret 2022 harga turun.", PUB, [("bulan Maret 2022", D, "2022-03", "month", False)]),
    ("id", "Penjualan Januari - Mei 2007 meningkat.", PUB, [("Januari - Mei 2007", D, "2007-01", "month", False)]),
    ("id", "Periode Juli 2006 - Juni 2007 dihitung.", PUB, [("Juli 2006 - Juni 2007", D, "2006-07", "month", False)]),
    ("id", "Pameran berlangsung 1-3 Oktober 2024 di Bali.", PUB, [("1-3 Oktober 2024", D, "2024-10-01", "day", False)]),
    ("id", "Festival 30 September - 2 Oktober 2024 ramai.", PUB, [("30 September - 2 Oktober 2024", D, "2024-09-30", "day", False)]),
    ("id", "Target itu ditetapkan tahun 2023.", PUB, [("tahun 2023", D, "2023", "year", False)]),
    ("id", "Perusahaan itu didirikan pada 2019.", PUB, [("2019", D, "2019", "year", False)]),
    ("id", "Ekspor pada 2019 mencapai puncaknya.", PUB, [("2019", D, "2019", "year", False)]),
    ("id", "Harga naik sejak tahun 2015.", PUB, [("tahun 2015", D, "2015", "year", False)]),
    ("id", "Proyek dimulai awal 2024 dan selesai akhir 2025.", PUB,
     [("awal 2024", D, "2024", "year", False), ("akhir 2025", D, "2025", "year", False)]),
    ("id", "Tren terlihat pertengahan 2023.", PUB, [("pertengahan 2023", D, "2023", "year", False)]),
    ("id", "Data periode 2019-2024 dirangkum.", PUB, [("2019-2024", D, "2019", "year", False)]),
    ("id", "Anggaran 2023/2024 disahkan.", PUB, [("2023/2024", D, "2023", "year", False)]),
    ("id", "Target berlaku hingga 2030 mendatang.", PUB, [("2030 mendatang", D, "2030", "year", False)]),
    ("id", "Kenaikan terjadi pada 2007 lalu.", PUB, [("2007 lalu", D, "2007", "year", False)]),
    ("id", "Kontrak itu berlaku dari 2020 hingga 2025.", PUB,
     [("2020", D, "2020", "year", False), ("2025", D, "2025", "year", False)]),
    # ---------------------------------------------------------------- Indonesian: year from publication
    ("id", "Indeks turun dalam perdagangan Rabu 10/1 kemarin.", PUB, [("Rabu 10/1 kemarin", D, "2024-01-10", "day", True)]),
    ("id", "Menkeu berbicara Rabu (10/1) di Jakarta.", PUB, [("Rabu (10/1)", D, "2024-01-10", "day", True)]),
    ("id", "Sidang digelar Senin (14/10) pagi.", PUB, [("Senin (14/10)", D, "2024-10-14", "day", True)]),
    ("id", "Pembayaran jatuh tempo tanggal 10/1 nanti.", PUB, [("tanggal 10/1 nanti", D, "2025-01-10", "day", True)]),
    ("id", "Pada Senin kemarin 14/10, saham naik.", PUB, [("Senin kemarin 14/10", D, "2024-10-14", "day", True)]),
    ("id", "Rapat diadakan 13 Oktober di Bandung.", PUB, [("13 Oktober", D, "2024-10-13", "day", True)]),
    ("id", "Mobil ditemukan sekitar tanggal 15 Agustus di sana.", PUB, [("tanggal 15 Agustus", D, "2024-08-15", "day", True)]),
    ("id", "Dana itu cair sejak 12 September lalu.", PUB, [("12 September lalu", D, "2024-09-12", "day", True)]),
    ("id", "Peristiwa 20 Oktober lalu masih diselidiki.", PUB, [("20 Oktober lalu", D, "2023-10-20", "day", True)]),
    ("id", "Batas akhir 31 Maret ini tidak berubah.", PUB, [("31 Maret ini", D, "2024-03-31", "day", True)]),
    ("id", "Aturan berlaku 1 Januari tahun depan.", PUB, [("1 Januari tahun depan", D, "2025-01-01", "day", True)]),
    ("id", "Pajak pada Mei saja mencapai Rp38 triliun.", PUB, [("Mei", D, "2024-05", "month", True)]),
    ("id", "Korut yang Oktober lalu melakukan uji coba.", PUB, [("Oktober lalu", D, "2024-10", "month", True)]),
    ("id", "Di November tahun lalu, inflasi melandai.", PUB, [("November tahun lalu", D, "2023-11", "month", True)]),
    ("id", "Pemilihan dijadwalkan Juni mendatang.", PUB, [("Juni mendatang", D, "2025-06", "month", True)]),
    ("id", "Kami bertemu pada awal Mei lalu.", PUB, [("awal Mei lalu", D, "2024-05", "month", True)]),
    ("id", "Pemilihan pada pertengahan Juni diundur.", PUB, [("pertengahan Juni", D, "2024-06", "month", True)]),
    ("id", "Sejak bulan Maret harga stabil.", PUB, [("bulan Maret", D, "2024-03", "month", True)]),
    ("id", "Transaksi selesai sejak 25 juli ini.", PUB, [("25 juli ini", D, "2024-07-25", "day", True)]),
    ("id", "Laporan tanggal 3 maret 2021 beredar.", PUB, [("tanggal 3 maret 2021", D, "2021-03-03", "day", False)]),
    ("id", "Target itu akan direvisi pada Juni nanti.", PUB, [("Juni nanti", D, "2025-06", "month", True)]),
    ("id", "Produksi Januari hingga Oktober 2007 naik.", PUB,
     [("Januari", D, "2007-01", "month", False), ("Oktober 2007", D, "2007-10", "month", False)]),
    ("id", "Sisa kuota dibagi antara November dan Desember.", PUB,
     [("November", D, "2024-11", "month", True), ("Desember", D, "2024-12", "month", True)]),
    ("id", "Produksi naik dibandingkan September lalu.", PUB, [("September lalu", D, "2024-09", "month", True)]),
    ("id", "Perundingan hari ini 15/10 dilanjutkan.", PUB, [("hari ini 15/10", D, "2024-10-15", "day", True)]),
    ("id", "Pertemuan Sabtu pagi 12/10 membahas pajak.", PUB, [("Sabtu pagi 12/10", D, "2024-10-12", "day", True)]),
    # ---------------------------------------------------------------- Indonesian: relative
    ("id", "Harga emas turun kemarin.", PUB, [("kemarin", D, "2024-10-15", "day", True)]),
    ("id", "Perseroan hari ini mengumumkan laba.", PUB, [("hari ini", D, "2024-10-16", "day", True)]),
    ("id", "Hasilnya diumumkan besok siang.", PUB, [("besok", D, "2024-10-17", "day", True)]),
    ("id", "Tim berangkat lusa ke Surabaya.", PUB, [("lusa", D, "2024-10-18", "day", True)]),
    ("id", "Kemarin, pasar ditutup menguat.", PUB, [("Kemarin", D, "2024-10-15", "day", True)]),
    ("id", "Ia tiba Senin lalu di Medan.", PUB, [("Senin lalu", D, "2024-10-14", "day", True)]),
    ("id", "Ia tiba Rabu lalu di Medan.", PUB, [("Rabu lalu", D, "2024-10-09", "day", True)]),
    ("id", "Sidang lanjutan digelar Kamis depan.", PUB, [("Kamis depan", D, "2024-10-17", "day", True)]),
    ("id", "Gempa terjadi pada Senin pekan lalu.", PUB, [("Senin pekan lalu", D, "2024-10-07", "day", True)]),
    ("id", "Polisi menangkap pelaku Senin.", PUB, [("Senin", D, "2024-10-14", "day", True)]),
    ("id", "Menteri berbicara Rabu malam.", PUB, [("Rabu", D, "2024-10-16", "day", True)]),
    ("id", "Pertandingan itu digelar pada hari Sabtu.", PUB, [("hari Sabtu", D, "2024-10-12", "day", True)]),
    ("id", "Pembalap itu pulang ke Spanyol Minggu untuk berlatih.", PUB, [("Minggu", D, "2024-10-13", "day", True)]),
    ("id", "Ia bertanding pada Minggu lalu di Sepang.", PUB, [("Minggu lalu", D, "2024-10-13", "day", True)]),
    ("id", "Minggu lalu, harga cabai naik.", PUB, [("Minggu lalu", D, "2024-W41", "week", True)]),
    ("id", "Harga cabai naik minggu lalu.", PUB, [("minggu lalu", D, "2024-W41", "week", True)]),
    ("id", "Delegasi datang pekan depan.", PUB, [("pekan depan", D, "2024-W43", "week", True)]),
    ("id", "Kebijakan itu diumumkan pekan ini.", PUB, [("pekan ini", D, "2024-W42", "week", True)]),
    ("id", "Ekspor turun bulan lalu.", PUB, [("bulan lalu", D, "2024-09", "month", True)]),
    ("id", "Target dicapai bulan depan.", PUB, [("bulan depan", D, "2024-11", "month", True)]),
    ("id", "Laba naik tahun lalu.", PUB, [("tahun lalu", D, "2023", "year", True)]),
    ("id", "Pabrik dibuka tahun depan.", PUB, [("tahun depan", D, "2025", "year", True)]),
    ("id", "Inflasi tahun ini diperkirakan rendah.", PUB, [("tahun ini", D, "2024", "year", True)]),
    ("id", "Tim berjuang keras akhir bulan ini.", PUB, [("akhir bulan ini", D, "2024-10", "month", True)]),
    ("id", "Kurs ditutup menguat akhir pekan lalu.", PUB, [("akhir pekan lalu", D, "2024-W41", "week", True)]),
    ("id", "Proyek selesai awal tahun depan.", PUB, [("awal tahun depan", D, "2025", "year", True)]),
    ("id", "Ia dirawat sejak dua hari lalu.", PUB, [("dua hari lalu", D, "2024-10-14", "day", True)]),
    ("id", "Gedung itu runtuh 3 minggu yang lalu.", PUB, [("3 minggu yang lalu", D, "2024-W39", "week", True)]),
    ("id", "Kasus itu muncul sepekan lalu.", PUB, [("sepekan lalu", D, "2024-W41", "week", True)]),
    ("id", "Rumah itu dijual sebulan lalu.", PUB, [("sebulan lalu", D, "2024-09", "month", True)]),
    ("id", "Pabrik itu tutup lima tahun silam.", PUB, [("lima tahun silam", D, "2019", "year", True)]),
    ("id", "Pemilu digelar dua bulan lagi.", PUB, [("dua bulan lagi", D, "2024-12", "month", True)]),
    # ---------------------------------------------------------------- Indonesian: TIME
    ("id", "Upacara dimulai pukul 10.30 WIB.", PUB, [("pukul 10.30 WIB", T, "10:30", "time", False)]),
    ("id", "Pada pukul 09.00, dolar melemah.", PUB, [("pukul 09.00", T, "09:00", "time", False)]),
    ("id", "Ia datang pukul 7 malam.", PUB, [("pukul 7 malam", T, "19:00", "time", False)]),
    ("id", "Acara berlangsung pukul 10.00-12.00 WITA.", PUB, [("pukul 10.00-12.00 WITA", T, "10:00", "time", False)]),
    ("id", "Gempa terasa 14.05 WIB di Padang.", PUB, [("14.05 WIB", T, "14:05", "time", False)]),
    ("id", "Sidang digelar Selasa (15/10) pukul 13.00 WIB.", PUB,
     [("Selasa (15/10)", D, "2024-10-15", "day", True), ("pukul 13.00 WIB", T, "13:00", "time", False)]),
    # ---------------------------------------------------------------- Indonesian: several in one text
    ("id", "Kementerian merilis data pada Minggu (13/10/2024). Hingga Oktober 2024 jumlahnya naik, "
           "lebih tinggi dari tahun lalu.", PUB,
     [("Minggu (13/10/2024)", D, "2024-10-13", "day", False), ("Oktober 2024", D, "2024-10", "month", False),
      ("tahun lalu", D, "2023", "year", True)]),
    # ---------------------------------------------------------------- Indonesian: not dates
    ("id", "Program itu berjalan selama dua minggu.", PUB, []),
    ("id", "Pertumbuhan mencapai 10,5 persen.", PUB, []),
    ("id", "Jumlah perusahaan melebihi 4.500.", PUB, []),
    ("id", "Angka 11,6 itu direvisi.", PUB, []),
    ("id", "Tim menang dengan skor 3-1.", PUB, []),
    ("id", "Aplikasi versi 3.10 dirilis.", PUB, []),
    ("id", "Saat ini kami sedang bekerja, kini dan sekarang juga.", PUB, []),
    ("id", "Pengembangan AI di masa mendatang penting.", PUB, []),
    ("id", "© Copyright 2024, All Rights Reserved", PUB, []),
    ("id", "Sebanyak 2000 orang hadir.", PUB, []),
    ("id", "Kapasitas ditambah hingga 2000 orang.", PUB, []),
    ("id", "Mei Ling mengatakan hal itu.", PUB, []),
    ("id", "Menurut Juni, harga naik.", PUB, []),
    ("id", "Menteri Des Browne tiba.", PUB, []),
    ("id", "Tren tahun 2000-an berbeda.", PUB, []),
    ("id", "Nilainya naik dalam 25 tahun ini.", PUB, []),
    ("id", "Harga naik beberapa hari lalu.", PUB, []),
    ("id", "Seperempat atau 1/4 dari jumlah itu hilang.", PUB, []),
    ("id", "Setiap tahun jumlahnya naik, setiap minggu juga.", PUB, []),
    ("id", "Anggaran APBN 2007 membaik.", PUB, []),
    ("id", "Pasar buka 24 jam sehari.", PUB, []),
    ("id", "Laga itu berlangsung satu jam 21 menit.", PUB, []),
    ("id", "Ia menunggu jam 3 menit lamanya.", PUB, []),
    ("id", "Pada mei dan juni harga naik.", PUB, []),
    ("en", "Of these, 5 may be lost and march on.", PUB, []),
    # ---------------------------------------------------------------- Indonesian: no publication date
    ("id", "Harga emas turun kemarin.", None, [("kemarin", D, None, "day", True)]),
    ("id", "Rapat diadakan 13 Oktober di Bandung.", None, [("13 Oktober", D, None, "day", True)]),
    ("id", "Menkeu berbicara Rabu (10/1) di Jakarta.", None, [("Rabu (10/1)", D, None, "day", True)]),
    ("id", "Laba naik tahun lalu.", None, [("tahun lalu", D, None, "year", True)]),
    ("id", "Delegasi datang pekan depan.", None, [("pekan depan", D, None, "week", True)]),
    ("id", "Polisi menangkap pelaku Senin.", None, [("Senin", D, None, "day", True)]),
    ("id", "Pajak pada Mei saja naik.", None, [("Mei", D, None, "month", True)]),
    ("id", "Ia dirawat sejak dua hari lalu.", None, [("dua hari lalu", D, None, "day", True)]),
    ("id", "Data itu dirilis pada Minggu (13/10/2024).", None, [("Minggu (13/10/2024)", D, "2024-10-13", "day", False)]),
    ("id", "Perusahaan itu didirikan pada 2019.", None, [("2019", D, "2019", "year", False)]),
    ("id", "Upacara dimulai pukul 10.30 WIB.", None, [("pukul 10.30 WIB", T, "10:30", "time", False)]),
    # ---------------------------------------------------------------- English
    ("en", "The law took effect on May 5, 2024.", PUB, [("May 5, 2024", D, "2024-05-05", "day", False)]),
    ("en", "The law took effect on 5 May 2024.", PUB, [("5 May 2024", D, "2024-05-05", "day", False)]),
    ("en", "It was signed Tuesday, May 7, 2024, in Paris.", PUB, [("Tuesday, May 7, 2024", D, "2024-05-07", "day", False)]),
    ("en", "Talks resumed on Oct. 1-3, 2024 in Doha.", PUB, [("Oct. 1-3, 2024", D, "2024-10-01", "day", False)]),
    ("en", "Sales rose in October 2024.", PUB, [("October 2024", D, "2024-10", "month", False)]),
    ("en", "The firm was founded in 2019.", PUB, [("2019", D, "2019", "year", False)]),
    ("en", "Prices have risen since 2015 and 2016.", PUB, [("2015", D, "2015", "year", False)]),
    ("en", "Output grew by the end of 2024.", PUB, [("the end of 2024", D, "2024", "year", False)]),
    ("en", "A plant opens in mid-2025.", PUB, [("mid-2025", D, "2025", "year", False)]),
    ("en", "Data for 2019-2024 were revised.", PUB, [("2019-2024", D, "2019", "year", False)]),
    ("en", "The report is dated 10/13/2024.", PUB, [("10/13/2024", D, "2024-10-13", "day", False)]),
    ("en", "The report is dated 2024-10-13.", PUB, [("2024-10-13", D, "2024-10-13", "day", False)]),
    ("en", "They met last Tuesday.", PUB, [("last Tuesday", D, "2024-10-15", "day", True)]),
    ("en", "They met on Monday.", PUB, [("Monday", D, "2024-10-14", "day", True)]),
    ("en", "They meet next Friday.", PUB, [("next Friday", D, "2024-10-18", "day", True)]),
    ("en", "Shares fell yesterday.", PUB, [("yesterday", D, "2024-10-15", "day", True)]),
    ("en", "Results are due tomorrow.", PUB, [("tomorrow", D, "2024-10-17", "day", True)]),
    ("en", "Leaders meet next week.", PUB, [("next week", D, "2024-W43", "week", True)]),
    ("en", "Exports fell last month.", PUB, [("last month", D, "2024-09", "month", True)]),
    ("en", "Growth slowed earlier this year.", PUB, [("earlier this year", D, "2024", "year", True)]),
    ("en", "The bridge closed 2 days ago.", PUB, [("2 days ago", D, "2024-10-14", "day", True)]),
    ("en", "The bridge closed three weeks ago.", PUB, [("three weeks ago", D, "2024-W39", "week", True)]),
    ("en", "The bridge closed a year ago.", PUB, [("a year ago", D, "2023", "year", True)]),
    ("en", "Prices peaked last May.", PUB, [("last May", D, "2024-05", "month", True)]),
    ("en", "Prices peaked in May last year.", PUB, [("May last year", D, "2023-05", "month", True)]),
    ("en", "Rates were cut in March.", PUB, [("March", D, "2024-03", "month", True)]),
    ("en", "The vote is on the 5th of November.", PUB, [("5th of November", D, "2024-11-05", "day", True)]),
    ("en", "The vote is on November 5.", PUB, [("November 5", D, "2024-11-05", "day", True)]),
    ("en", "The market opens at 10:30 a.m. ET.", PUB, [("10:30 a.m. ET", T, "10:30", "time", False)]),
    ("en", "The market closes at 4 pm.", PUB, [("4 pm", T, "16:00", "time", False)]),
    ("en", "The call started at 09:15.", PUB, [("09:15", T, "09:15", "time", False)]),
    # ---------------------------------------------------------------- English: not dates
    ("en", "It may be too late.", PUB, []),
    ("en", "May be, may be not.", PUB, []),
    ("en", "Theresa May said the plan works.", PUB, []),
    ("en", "The vote was won by 2000 votes.", PUB, []),
    ("en", "Copyright 2024 Example News.", PUB, []),
    ("en", "Copyright (c) 2019-2024 Example News.", PUB, []),
    ("id", "Hak cipta © 2019-2024 Contoh Media.", PUB, []),
    ("en", "Growth reached 4.5 percent, a 3-1 lead.", PUB, []),
    ("en", "Trends of the 2000s differ.", PUB, []),
    ("en", "Right now the outlook is calm.", PUB, []),
    ("en", "The talks lasted two weeks.", PUB, []),
    ("en", "Shares fell yesterday.", None, [("yesterday", D, None, "day", True)]),
    # ---------------------------------------------------------------- parts of a year or month
    ("id", "Laba perseroan pada kuartal ketiga 2023 naik.", PUB, [("kuartal ketiga 2023", D, "2023", "year", False)]),
    ("id", "Ekspor hingga akhir triwulan II 2022 melemah.", PUB, [("akhir triwulan II 2022", D, "2022", "year", False)]),
    ("id", "Penjualan dalam lima bulan pertama tahun 2021 turun.", PUB,
     [("lima bulan pertama tahun 2021", D, "2021", "year", False)]),
    ("id", "Harga cabai melonjak pada dua pekan pertama Agustus.", PUB,
     [("dua pekan pertama Agustus", D, "2024-08", "month", True)]),
    ("id", "Laba semester pertama tahun lalu tercatat rendah.", PUB, [("semester pertama tahun lalu", D, "2023", "year", True)]),
    ("en", "Revenue fell in the second quarter of 2023.", PUB, [("the second quarter of 2023", D, "2023", "year", False)]),
    ("en", "Exports grew in the first half of 2022.", PUB, [("the first half of 2022", D, "2022", "year", False)]),
    ("en", "Sales slowed in the last week of September.", PUB, [("the last week of September", D, "2024-09", "month", True)]),
    ("en", "The deal should close by the end of the year.", PUB, [("the end of the year", D, "2024", "year", True)]),
    ("en", "Rents are paid at the end of the month.", PUB, [("the end of the month", D, "2024-10", "month", True)]),
    # ---------------------------------------------------------------- year nouns and identifiers
    ("id", "Dana itu masuk anggaran tahun anggaran 2025.", PUB, [("tahun anggaran 2025", D, "2025", "year", False)]),
    ("en", "Spending rose in fiscal 2022.", PUB, [("fiscal 2022", D, "2022", "year", False)]),
    ("en", "Lessons from the 2015 drought remain.", PUB, [("2015", D, "2015", "year", False)]),
    ("id", "Aturan itu tertuang dalam Peraturan Menteri Nomor 12 Tahun 2019.", PUB, []),
    ("id", "Ketentuan PP No. 3 tahun 2020 direvisi.", PUB, []),
    ("en", "She writes for The Sunday Telegraph.", PUB, []),
    # ---------------------------------------------------------------- anchored to another date
    ("id", "Sidang digelar Jumat, sementara saksi diperiksa dua hari sebelumnya.", PUB,
     [("Jumat", D, "2024-10-11", "day", True), ("dua hari sebelumnya", D, "2024-10-09", "day", True)]),
    ("id", "Kurs ditutup melemah pada Selasa dibanding hari sebelumnya.", PUB,
     [("Selasa", D, "2024-10-15", "day", True), ("hari sebelumnya", D, "2024-10-14", "day", True)]),
    ("id", "Ekspor pada 2022 naik dibanding tahun sebelumnya.", PUB,
     [("2022", D, "2022", "year", False), ("tahun sebelumnya", D, "2021", "year", True)]),
    ("id", "Pabrik dibuka pada Maret 2020 dan tutup tiga bulan kemudian.", PUB,
     [("Maret 2020", D, "2020-03", "month", False), ("tiga bulan kemudian", D, "2020-06", "month", True)]),
    ("id", "Pada 2020 pabrik tutup dan dua hari kemudian dibuka.", PUB,
     [("2020", D, "2020", "year", False), ("dua hari kemudian", D, None, "day", True)]),
    ("id", "Harga naik sehari sebelumnya.", PUB, [("sehari sebelumnya", D, "2024-10-15", "day", True)]),
    ("id", "Harga naik sehari sebelumnya.", None, [("sehari sebelumnya", D, None, "day", True)]),
    ("id", "Harga naik beberapa hari sebelumnya.", PUB, []),
    ("id", "Ia dikontrak tiga tahun berikutnya.", PUB, []),
    ("id", "Nilainya naik dibanding tahun-tahun sebelumnya.", PUB, []),
    ("id", "Ia menang Minggu kemudian pulang.", PUB, [("Minggu", D, "2024-10-13", "day", True)]),
    ("en", "Shares fell on Friday after rising two days earlier.", PUB,
     [("Friday", D, "2024-10-11", "day", True), ("two days earlier", D, "2024-10-09", "day", True)]),
    ("en", "Prices rose in 2023, up from a year earlier.", PUB,
     [("2023", D, "2023", "year", False), ("a year earlier", D, "2022", "year", True)]),
    ("en", "The plant opened in 2021, two years later than planned.", PUB, [("2021", D, "2021", "year", False)]),
    # ---------------------------------------------------------------- day/month without a year; tense markers
    ("id", "Kesepakatan itu diteken pada 20 Desember di Jakarta.", "2025-03-10",
     [("20 Desember", D, "2024-12-20", "day", True)]),
    ("id", "Tim berangkat pada 5 Januari.", "2024-11-20", [("5 Januari", D, "2025-01-05", "day", True)]),
    ("id", "Presiden akan berkunjung ke Bali Jumat.", PUB, [("Jumat", D, "2024-10-18", "day", True)]),
    ("id", "Menteri akan hadir pada Rabu.", PUB, [("Rabu", D, "2024-10-16", "day", True)]),
    ("id", "Pameran dijadwalkan dibuka 3 Oktober.", PUB, [("3 Oktober", D, "2025-10-03", "day", True)]),
    ("id", "Ia akan mundur, kata ajudannya Senin.", PUB, [("Senin", D, "2024-10-14", "day", True)]),
    ("id", "Menteri yang akan pensiun itu sudah tiba Senin.", PUB, [("Senin", D, "2024-10-14", "day", True)]),
    ("en", "The museum will reopen on Saturday.", PUB, [("Saturday", D, "2024-10-19", "day", True)]),
    ("en", "The hearing is scheduled to start at 9:00 a.m. on Thursday.", PUB,
     [("9:00 a.m.", T, "09:00", "time", False), ("Thursday", D, "2024-10-17", "day", True)]),
    ("en", "The vote will be held on March 3.", PUB, [("March 3", D, "2025-03-03", "day", True)]),
    # ---------------------------------------------------------------- brackets, weeks, relative days
    ("id", "Ia tiba kemarin (Selasa malam) di Medan.", PUB, [("kemarin (Selasa malam)", D, "2024-10-15", "day", True)]),
    ("en", "The market rallies this weekend.", PUB, [("this weekend", D, "2024-W42", "week", True)]),
    ("en", "It ends the day after tomorrow.", PUB, [("the day after tomorrow", D, "2024-10-18", "day", True)]),
    # ---------------------------------------------------------------- TIME with a local zone
    ("id", "Gempa terjadi pukul 07:16 waktu setempat.", PUB, [("pukul 07:16 waktu setempat", T, "07:16", "time", False)]),
    ("id", "Ia dibebaskan pukul 19.30 waktu Paris.", PUB, [("pukul 19.30 waktu Paris", T, "19:30", "time", False)]),
    ("en", "Trading opens at 9:30 a.m. local time.", PUB, [("9:30 a.m. local time", T, "09:30", "time", False)]),
    ("en", "The launch is at 6:15 p.m. New York time.", PUB, [("6:15 p.m. New York time", T, "18:15", "time", False)]),
]


@pytest.fixture(scope="module")
def nlps():
    out = {}
    for lang in ("id", "en"):
        nlp = spacy.blank(lang)
        nlp.add_pipe("warta_dates")
        out[lang] = nlp
    return out


def _run(nlp, text, pub):
    doc = nlp.make_doc(text)
    doc._.published = pub
    return nlp(doc)


@pytest.mark.parametrize("lang,text,pub,expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_cases(nlps, lang, text, pub, expected):
    doc = _run(nlps[lang], text, pub)
    got = [(s.text, s.label_, s._.value, s._.granularity, s._.relative) for s in doc.spans["dates"]]
    assert got == expected
    assert all(s._.source == "dates" for s in doc.spans["dates"])


def test_case_count():
    assert len(CASES) >= 100


def test_resolve_pure_function():
    assert resolve("Minggu (13/10/2024)", "id", None) == ("2024-10-13", "day", False)
    assert resolve("pekan lalu", "id", PUB) == ("2024-W41", "week", True)
    assert resolve("pekan lalu", "id", None) == (None, "week", True)
    assert resolve("pada 2019", "id", PUB) == ("2019", "year", False)
    assert resolve("last Tuesday", "en", PUB) == ("2024-10-15", "day", True)
    assert resolve("tidak ada tanggal", "id", PUB) is None


def test_published_as_date_object_and_bad_string():
    from datetime import date
    assert resolve("kemarin", "id", date(2024, 10, 16)) == ("2024-10-15", "day", True)
    assert resolve("kemarin", "id", "not a date") == (None, "day", True)


def test_character_offsets_match_text():
    text = "Pada Minggu (13/10/2024) dan Rabu 10/1, lalu tahun 2023."
    for found in find_dates(text, "id", PUB):
        assert 0 <= found.start < found.end <= len(text)
    assert [text[f.start:f.end] for f in find_dates(text, "id", PUB)] == [
        "Minggu (13/10/2024)", "Rabu 10/1", "tahun 2023"]


def test_lang_config_override():
    nlp = spacy.blank("xx")
    nlp.add_pipe("warta_dates", config={"lang": "id"})
    doc = _run(nlp, "Laba naik tahun lalu.", PUB)
    assert [s._.value for s in doc.spans["dates"]] == ["2023"]


def test_no_language_words_in_code():
    """All language facts live in the data files: none of these words may appear in the code."""
    import inspect
    import warta.components.dates as mod
    source = inspect.getsource(mod).lower()
    code = "\n".join(line.split("#")[0] for line in source.splitlines())
    code = code.split('"""', 2)[-1]  # skip the module docstring (it quotes examples)
    for word in ("oktober", "januari", "senin", "minggu", "kemarin", "lalu", "depan", "tahun",
                 "pukul", "yesterday", "monday", "october", "ago", "last week"):
        assert f'"{word}' not in code and f"'{word}" not in code, word
