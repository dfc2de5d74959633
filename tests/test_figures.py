"""Table-driven tests of the FIGURE extractor (pipeline/components/figures.py).

Every sentence here was written for these tests. Each case is
(lang, text, [(span text, value, value_max, unit, qualifier), ...]); an empty list means that the
text holds no figure.
"""
from __future__ import annotations

import pytest
import spacy

import warta.components.extensions  # noqa: F401
import warta.components.figures  # noqa: F401  (registers warta_figures)
from warta.components.figures import parse_number


@pytest.fixture(scope="module")
def pipes():
    made = {}
    for lang in ("id", "en"):
        nlp = spacy.blank(lang)
        nlp.add_pipe("warta_figures")
        made[lang] = nlp
    return made


ID_CASES = [
    # --- counts, scale words, counted noun -------------------------------------------------
    ("Layanan itu kini melayani lebih dari 600 juta pengguna.",
     [("lebih dari 600 juta", 600000000, None, "pengguna", ">")]),
    ("Jumlah perusahaan rintisan di kota itu melebihi 4.500.",
     [("melebihi 4.500", 4500, None, None, ">")]),
    ("Di provinsi itu, jumlah perusahaan melebihi 4.500.",
     [("melebihi 4.500", 4500, None, "perusahaan", ">")]),
    ("Lebih dari 200 model bahasa sudah didaftarkan.",
     [("Lebih dari 200", 200, None, "model", ">")]),
    ("Aplikasi itu melampaui angka 600 juta pengguna tahun ini.",
     [("melampaui angka 600 juta", 600000000, None, "pengguna", ">")]),
    ("Sebanyak 35 siswa lolos seleksi.", [("35", 35, None, "siswa", "=")]),
    ("Pabrik itu mempekerjakan 1.250 buruh.", [("1.250", 1250, None, "buruh", "=")]),
    ("Kota itu dihuni 1.234.567 jiwa.", [("1.234.567", 1234567, None, "jiwa", "=")]),
    ("Festival itu didatangi 2 ribu pengunjung.", [("2 ribu", 2000, None, "pengunjung", "=")]),
    ("Proyek itu menyerap 3,5 juta tenaga kerja.", [("3,5 juta", 3500000, None, "tenaga kerja", "=")]),
    ("Sekitar 40 ribu penonton memadati stadion.", [("Sekitar 40 ribu", 40000, None, "penonton", "~")]),
    ("Perusahaan itu memiliki 12 anak usaha.", [("12", 12, None, "anak usaha", "=")]),
    ("Koperasi itu beranggotakan 850 petani.", [("850", 850, None, "petani", "=")]),
    ("Pemerintah membangun 5.000 rumah susun.", [("5.000", 5000, None, "rumah susun", "=")]),
    ("Ada 7 kapal yang tertahan di pelabuhan.", [("7", 7, None, "kapal", "=")]),
    ("Penjualan mobil mencapai 1,1 juta unit.", [("1,1 juta", 1100000, None, "unit", "=")]),
    ("Tim penyelamat menemukan 14 korban.", [("14", 14, None, "korban", "=")]),
    ("Bank itu menyalurkan kredit kepada 70 ribu nasabah.", [("70 ribu", 70000, None, "nasabah", "=")]),
    ("Acara itu diikuti 300 peserta dari 20 negara.",
     [("300", 300, None, "peserta", "="), ("20", 20, None, "negara", "=")]),
    # --- number words ---------------------------------------------------------------------
    ("Film itu meraih dua belas nominasi.", [("dua belas", 12, None, "nominasi", "=")]),
    ("Sebanyak tiga puluh lima orang dievakuasi.", [("tiga puluh lima", 35, None, "orang", "=")]),
    ("Lagu itu diputar sejuta kali.", [("sejuta", 1000000, None, "kali", "=")]),
    ("Dia membawa seratus tamu.", [("seratus", 100, None, "tamu", "=")]),
    ("Panitia menyiapkan seribu kursi.", [("seribu", 1000, None, "kursi", "=")]),
    ("Kelas itu punya sebelas murid.", [("sebelas", 11, None, "murid", "=")]),
    ("Mereka menanam dua ratus lima puluh pohon.", [("dua ratus lima puluh", 250, None, "pohon", "=")]),
    ("Desa itu menerima dua juta bibit.", [("dua juta", 2000000, None, "bibit", "=")]),
    ("Kapal itu mengangkut seratus dua puluh penumpang.", [("seratus dua puluh", 120, None, "penumpang", "=")]),
    ("Dua belas pemain dipanggil pelatih.", [("Dua belas", 12, None, "pemain", "=")]),
    ("Pertandingan itu ditonton tiga ribu lima ratus orang.",
     [("tiga ribu lima ratus", 3500, None, "orang", "=")]),
    ("Suhu turun dua koma lima derajat.", [("dua koma lima derajat", 2.5, None, "°", "=")]),
    ("Stok itu cukup untuk satu setengah juta keluarga.",
     [("satu setengah juta", 1500000, None, "keluarga", "=")]),
    ("Sekolah itu menerima empat guru baru.", [("empat", 4, None, "guru", "=")]),
    # --- approximate plurals ------------------------------------------------------------------
    ("Ratusan warga mengungsi.", [("Ratusan", 100, None, "warga", "~")]),
    ("Ribuan buruh berunjuk rasa.", [("Ribuan", 1000, None, "buruh", "~")]),
    ("Ratusan ribu orang menonton siaran itu.", [("Ratusan ribu", 100000, None, "orang", "~")]),
    ("Kerugian mencapai puluhan juta rupiah.", [("puluhan juta rupiah", 10000000, None, "IDR", "~")]),
    ("Belasan rumah rusak.", [("Belasan", 11, None, "rumah", "~")]),
    ("Jutaan pelanggan terdampak gangguan.", [("Jutaan", 1000000, None, "pelanggan", "~")]),
    ("Puluhan ribu hektare sawah kebanjiran.", [("Puluhan ribu hektare", 10000, None, "ha", "~")]),
    # --- money ---------------------------------------------------------------------------------
    ("Anggaran proyek itu Rp 1,2 triliun.", [("Rp 1,2 triliun", 1200000000000, None, "IDR", "=")]),
    ("Harga tiket Rp150.000 per orang.", [("Rp150.000", 150000, None, "IDR", "=")]),
    ("Laba bersih naik menjadi Rp3,4 miliar.", [("Rp3,4 miliar", 3400000000, None, "IDR", "=")]),
    ("Investasi itu bernilai 2 miliar dolar AS.", [("2 miliar dolar AS", 2000000000, None, "USD", "=")]),
    ("Perusahaan itu meraup US$5 juta.", [("US$5 juta", 5000000, None, "USD", "=")]),
    ("Dana hibah sebesar 500 ribu dolar Singapura.", [("500 ribu dolar Singapura", 500000, None, "SGD", "=")]),
    ("Kontrak senilai 3 miliar yuan ditandatangani.", [("3 miliar yuan", 3000000000, None, "CNY", "=")]),
    ("Nilai ekspor mencapai 40 juta euro.", [("40 juta euro", 40000000, None, "EUR", "=")]),
    ("Proyek itu didanai 800 juta ringgit.", [("800 juta ringgit", 800000000, None, "MYR", "=")]),
    ("Mereka membeli lisensi senilai 1 miliar yen.", [("1 miliar yen", 1000000000, None, "JPY", "=")]),
    ("Harga ponsel itu Rp 2,5 juta.", [("Rp 2,5 juta", 2500000, None, "IDR", "=")]),
    ("Gaji minimum naik menjadi Rp5jt.", [("Rp5jt", 5000000, None, "IDR", "=")]),
    ("Modal disetor Rp 50 M saja.", [("Rp 50 M", 50000000000, None, "IDR", "=")]),
    ("Kas daerah tinggal 300 juta rupiah.", [("300 juta rupiah", 300000000, None, "IDR", "=")]),
    ("Denda maksimal Rp 500 juta.", [("maksimal Rp 500 juta", 500000000, None, "IDR", "<=")]),
    ("Biaya sekitar Rp 10 miliar disiapkan.", [("sekitar Rp 10 miliar", 10000000000, None, "IDR", "~")]),
    ("Utang itu mencapai USD 12 miliar.", [("USD 12 miliar", 12000000000, None, "USD", "=")]),
    ("Kurs ditutup pada Rp15.600/15.650 per dolar AS.",
     [("Rp15.600/15.650", 15600, 15650, "IDR", "=")]),
    # --- percentages and points -----------------------------------------------------------------
    ("Inflasi turun sekitar 4 persen.", [("sekitar 4 persen", 4, None, "%", "~")]),
    ("Ekonomi tumbuh 5,2 persen.", [("5,2 persen", 5.2, None, "%", "=")]),
    ("Penjualan naik 11,6 persen dibanding tahun sebelumnya.", [("11,6 persen", 11.6, None, "%", "=")]),
    ("Pangsa pasarnya 23%.", [("23%", 23, None, "%", "=")]),
    ("Suku bunga naik 25 basis poin.", [("25 basis poin", 25, None, "basis poin", "=")]),
    ("Indeks saham melemah 48 poin.", [("48 poin", 48, None, "poin", "=")]),
    ("Porsi ekspor tinggal lima persen.", [("lima persen", 5, None, "%", "=")]),
    ("Pertumbuhan kredit minus 2 persen.", [("minus 2 persen", -2, None, "%", "=")]),
    ("Tingkat pengangguran di bawah 6 persen.", [("di bawah 6 persen", 6, None, "%", "<")]),
    ("Kenaikan harga setidaknya 3 persen.", [("setidaknya 3 persen", 3, None, "%", ">=")]),
    ("Diskon paling banyak 70 persen.", [("paling banyak 70 persen", 70, None, "%", "<=")]),
    ("Rasio itu hampir 90 persen.", [("hampir 90 persen", 90, None, "%", "~")]),
    ("Kurang dari 1 persen pemilih abstain.", [("Kurang dari 1 persen", 1, None, "%", "<")]),
    ("Bunga deposito kurang lebih 5 persen.", [("kurang lebih 5 persen", 5, None, "%", "~")]),
    ("Angka itu mendekati 50 persen.", [("mendekati 50 persen", 50, None, "%", "~")]),
    ("Target pajak tercapai sedikitnya 80 persen.", [("sedikitnya 80 persen", 80, None, "%", ">=")]),
    ("Pemotongan hingga 30 persen diberlakukan.", [("hingga 30 persen", 30, None, "%", "<=")]),
    ("Bunga kredit minimal 7 persen.", [("minimal 7 persen", 7, None, "%", ">=")]),
    ("Harga cabai naik kira-kira 15 persen.", [("kira-kira 15 persen", 15, None, "%", "~")]),
    # --- ranges ------------------------------------------------------------------------------------
    ("Harga diperkirakan naik 10-20 persen.", [("10-20 persen", 10, 20, "%", "=")]),
    ("Kenaikan antara 5 hingga 10 persen.", [("antara 5 hingga 10 persen", 5, 10, "%", "=")]),
    ("Proyek itu butuh 5 sampai 10 juta pekerja.", [("5 sampai 10 juta", 5000000, 10000000, "pekerja", "=")]),
    ("Tarif naik 20 persen hingga 30 persen.", [("20 persen hingga 30 persen", 20, 30, "%", "=")]),
    ("Biayanya Rp 2 hingga Rp 3 miliar.", [("Rp 2 hingga Rp 3 miliar", 2000000000, 3000000000, "IDR", "=")]),
    ("Sekitar 30-40 orang terluka.", [("Sekitar 30-40", 30, 40, "orang", "~")]),
    ("Antara 100 dan 150 keluarga direlokasi.", [("Antara 100 dan 150", 100, 150, "keluarga", "=")]),
    ("Pertumbuhan diperkirakan 6,2-6,8 persen.", [("6,2-6,8 persen", 6.2, 6.8, "%", "=")]),
    # --- measurements ------------------------------------------------------------------------------
    ("Jalan tol itu sepanjang 2,5 km.", [("2,5 km", 2.5, None, "km", "=")]),
    ("Panen mencapai 3 ton per hektare.", [("3 ton", 3, None, "ton", "=")]),
    ("Lahan seluas 1.200 hektare dibuka.", [("1.200 hektare", 1200, None, "ha", "=")]),
    ("Pembangkit itu berkapasitas 660 MW.", [("660 MW", 660, None, "MW", "=")]),
    ("Produksi minyak 800 ribu barel per hari.", [("800 ribu barel", 800000, None, "bbl", "=")]),
    ("Truk itu membawa 12 kg emas.", [("12 kg", 12, None, "kg", "=")]),
    ("Gempa berkekuatan 6,1 skala Richter mengguncang.", [("6,1 skala Richter", 6.1, None, "SR", "=")]),
    ("Sungai itu meluap setinggi 3 meter.", [("3 meter", 3, None, "m", "=")]),
    ("Mobil itu menghabiskan 40 liter bensin.", [("40 liter", 40, None, "L", "=")]),
    ("Suhu mencapai 38 derajat Celsius.", [("38 derajat Celsius", 38, None, "°C", "=")]),
    # --- durations and ages (quantities, not dates) -------------------------------------------------
    ("Ia dihukum 5 tahun penjara.", [("5", 5, None, "tahun", "=")]),
    ("Rapat berlangsung selama tiga jam.", [("tiga", 3, None, "jam", "=")]),
    ("Pemuda berusia 19 tahun itu ditangkap.", [("19", 19, None, "tahun", "=")]),
    # --- more shapes ------------------------------------------------------------------------------------
    ("Dua pertiga anggota menyetujui usul itu.", [("Dua pertiga", 2 / 3, None, "anggota", "=")]),
    ("Pemegang saham lima persen atau lebih wajib melapor.",
     [("lima persen atau lebih", 5, None, "%", ">=")]),
    ("Jumlah pelanggannya kini 12 juta lebih.", [("12 juta lebih", 12000000, None, None, ">")]),
    ("Operator itu memasang 7.300 BTS baru.", [("7.300", 7300, None, "BTS", "=")]),
    ("Pabrik itu menghasilkan 40 ribu ton gula.", [("40 ribu ton", 40000, None, "ton", "=")]),
    ("Pesawat itu terbang 10.000 kaki di atas laut.", [("10.000 kaki", 10000, None, "ft", "=")]),
    ("Nilai tukar ditutup pada 1,3308-3313 dolar.", []),
    ("Penjualan pada tiga bulan pertama 2025 naik.", []),
    ("Harga saham naik Rp 150 menjadi Rp 3.200.",
     [("Rp 150", 150, None, "IDR", "="), ("Rp 3.200", 3200, None, "IDR", "=")]),
    ("Target itu naik dari 5 persen menjadi 7 persen.",
     [("5 persen", 5, None, "%", "="), ("7 persen", 7, None, "%", "=")]),
    ("Ia membeli 2.000 lembar saham dan menjual 1.500 lembar.",
     [("2.000", 2000, None, "saham", "="), ("1.500", 1500, None, "lembar", "=")]),
    ("Lebih dari 2000 orang hadir.", [("Lebih dari 2000", 2000, None, "orang", ">")]),
    ("Sebanyak 2024 peserta mendaftar.", [("2024", 2024, None, "peserta", "=")]),
    ("Inflasi ditargetkan 3 plus minus 1 persen.", [("3 plus minus 1 persen", 2, 4, "%", "=")]),
    ("Defisit Rp49,5 triliun atau lebih kecil dari sasaran.", [("Rp49,5 triliun", 49500000000000, None, "IDR", "=")]),
    # --- classifiers, compounds, clitics: the counted noun -------------------------------------------
    ("Nelayan itu membeli tiga buah perahu.", [("tiga", 3, None, "perahu", "=")]),
    ("Maskapai itu memesan 12 unit pesawat baru.", [("12", 12, None, "pesawat", "=")]),
    ("Peternak itu menjual 40 ekor sapi.", [("40", 40, None, "sapi", "=")]),
    ("Bank itu mencetak 2 juta lembar uang kertas.", [("2 juta", 2000000, None, "uang", "=")]),
    ("Dealer itu menjual 30 unit.", [("30", 30, None, "unit", "=")]),
    ("Sedikitnya 80 pengunjuk rasa ditahan polisi.", [("Sedikitnya 80", 80, None, "pengunjuk rasa", ">=")]),
    ("Pabrik itu merakit 900 sepeda motor per hari.", [("900", 900, None, "sepeda motor", "=")]),
    ("Sebanyak 14 anggota parlemen menolak usul itu.", [("14", 14, None, "anggota parlemen", "=")]),
    ("Gubernur mengirim 300 petugasnya ke lokasi banjir.", [("300", 300, None, "petugas", "=")]),
    ("Pengusaha itu mempunyai 3 toko.", [("3", 3, None, "toko", "=")]),
    # --- an elided noun is taken from the same sentence -----------------------------------------------
    ("Dari 80 peserta, baru 50 yang lulus.",
     [("80", 80, None, "peserta", "="), ("50", 50, None, "peserta", "=")]),
    ("Banjir menewaskan 12 warga dan 30 lagi hilang.",
     [("12", 12, None, "warga", "="), ("30", 30, None, "warga", "=")]),
    ("Perbaikan jalan itu butuh 2 atau 3 bulan.",
     [("2", 2, None, "bulan", "="), ("3", 3, None, "bulan", "=")]),
    ("Tim itu menang 9 dari 11 laga.", [("9", 9, None, "laga", "="), ("11", 11, None, "laga", "=")]),
    ("Obligasi itu bertenor tiga, lima, dan sepuluh tahun.",
     [("tiga", 3, None, "tahun", "="), ("lima", 5, None, "tahun", "="), ("sepuluh", 10, None, "tahun", "=")]),
    ("Kepala desa memberi 20 karung beras dan Rp 2 juta, lalu 10 lagi.",
     [("20", 20, None, "karung", "="), ("Rp 2 juta", 2000000, None, "IDR", "="), ("10", 10, None, None, "=")]),
    ("Indeks naik 12 poin atau 0,8 persen menjadi 1.510.",
     [("12 poin", 12, None, "poin", "="), ("0,8 persen", 0.8, None, "%", "="), ("1.510", 1510, None, "poin", "=")]),
    ("Kiper berusia 31 tahun itu membuat 5 penyelamatan di babak pertama.",
     [("31", 31, None, "tahun", "="), ("5", 5, None, "penyelamatan", "=")]),
    ("Hartono, 58, sudah bertani sejak muda.", [("58", 58, None, "tahun", "=")]),
    ("Jumlah penumpang kapal yang selamat dari kecelakaan itu menjadi 41.", [("41", 41, None, "penumpang", "=")]),
    # --- qualifiers --------------------------------------------------------------------------------------
    ("Inflasi belum sampai 3 persen.", [("belum sampai 3 persen", 3, None, "%", "<")]),
    ("Serapan anggaran belum mencapai 40 persen.", [("belum mencapai 40 persen", 40, None, "%", "<")]),
    ("Harga emas sempat menembus angka Rp1 juta per gram.", [("Rp1 juta", 1000000, None, "IDR", "=")]),
    ("Kurs bertahan dibawah Rp16.000 per dolar AS.", [("dibawah Rp16.000", 16000, None, "IDR", "<")]),
    ("Harga minyak melewati 80 dolar AS per barel.", [("melewati 80 dolar AS", 80, None, "USD", ">")]),
    ("Polisi menahan sedikit-dikitnya 15 orang.", [("sedikit-dikitnya 15", 15, None, "orang", ">=")]),
    ("Kurs bergerak di kisaran antara Rp15.900 hingga Rp16.000.",
     [("antara Rp15.900 hingga Rp16.000", 15900, 16000, "IDR", "=")]),
    # the figure ends before the clitic; spaCy's token keeps it ("setengahnya" is one token)
    ("Kurang dari setengahnya dana itu terserap.", [("Kurang dari setengahnya", 0.5, None, None, "<")]),
    ("Proyek itu tertunda hampir sebulan.", [("hampir sebulan", 1, None, "bulan", "~")]),
    ("Rapat itu digelar selama sehari.", [("sehari", 1, None, "hari", "=")]),
    ("Warga itu menempuh beberapa puluh kilometer.", [("beberapa puluh kilometer", 10, None, "km", "~")]),
    ("Bantuan datang untuk beberapa ratus ribu pengungsi.",
     [("beberapa ratus ribu", 100000, None, "pengungsi", "~")]),
    ("Lebih dari selusin rumah terbakar.", [("Lebih dari selusin", 12, None, "rumah", ">")]),
    # --- more number shapes ----------------------------------------------------------------------------------
    ("Pemda menyiapkan dana Rp 2.5 triliun.", [("Rp 2.5 triliun", 2500000000000, None, "IDR", "=")]),
    ("Kurs dibuka pada Rp15.700/15.700 per dolar AS.", [("Rp15.700/15.700", 15700, 15700, "IDR", "=")]),
    ("Penjualan naik 8 persen tahun lalu.", [("8 persen", 8, None, "%", "=")]),
    ("Ekspor turun sekitar 2 miliar dolar tahun lalu.", [("sekitar 2 miliar dolar", 2000000000, None, "USD", "~")]),
    ("Selama 10 tahun, 3.100 sekolah dibangun.",
     [("10", 10, None, "tahun", "="), ("3.100", 3100, None, "sekolah", "=")]),
    ("Balapan itu berlangsung satu jam, 12 menit.",
     [("satu", 1, None, "jam", "="), ("12", 12, None, "menit", "=")]),
    ("Gol itu lahir tiga menit sebelumnya.", [("tiga", 3, None, "menit", "=")]),
    ("Penjualan 500 ribu unit laptop dan 200 ribu unit tablet.",
     [("500 ribu", 500000, None, "laptop", "="), ("200 ribu", 200000, None, "tablet", "=")]),
    ("Gempa magnitudo 5,8 mengguncang pulau itu.", [("5,8", 5.8, None, "magnitudo", "=")]),
    # --- not figures ------------------------------------------------------------------------------------
    ("Penjualan pada kuartal 1 dan 2 melemah.", []),
    ("Usul itu diterima dengan 40 berbanding 12.", []),
    ("Petenis berperingkat 45 itu tersingkir.", []),
    ("Klub itu naik ke posisi tujuh klasemen.", []),
    ("Gol itu tercipta pada menit ke- 80.", []),
    ("Kerusakan terjadi dua hari sebelumnya.", []),
    ("Salah satunya datang terlambat.", []),
    ("Bajaj roda tiganya mogok.", []),
    ("Dia membayar dua kali setahun.", [("dua", 2, None, "kali", "=")]),
    ("Rapat digelar Minggu (13/10/2024) di Jakarta.", []),
    ("Perdagangan ditutup Rabu 10/1 sore.", []),
    ("Upacara dimulai pukul 10.30 WIB.", []),
    ("Laporan itu terbit pada Oktober 2024.", []),
    ("Hingga Oktober 2024, belum ada keputusan.", []),
    ("Data itu dikumpulkan pada tahun 2023.", []),
    ("Perusahaan itu berdiri pada 2019 di Bandung.", []),
    ("Kebijakan itu berlaku sejak 1998.", []),
    ("Ia menempati urutan ke-3 dalam lomba.", []),
    ("Tim itu finis ketiga musim lalu.", []),
    ("Startup 01.AI berbasis di Beijing.", []),
    ("Pandemi COVID-19 memukul pariwisata.", []),
    ("Pertemuan G20 digelar di Bali.", []),
    ("Ponsel iPhone 15 mulai dijual.", []),
    ("Hal itu diatur dalam Pasal 5 ayat 2.", []),
    ("Aturan itu tertuang dalam UU No. 5 Tahun 2024.", []),
    ("Turnamen Euro 2024 berlangsung di Jerman.", []),
    ("Hubungi kami di (021) 555-1234.", []),
    ("Info lebih lanjut: telp 0812-3456-7890.", []),
    ("© Copyright 2024, All Rights Reserved", []),
    ("1. Siapkan dokumen.\n2. Isi formulir.", []),
    ("Daftar:\n1) bahan baku\n2) tenaga kerja", []),
    ("Model itu dipakai di 5G dan 4G.", []),
    ("Dua tahun lalu pabrik itu ditutup.", []),
    ("Tiga pekan mendatang sidang dilanjutkan.", []),
    ("Harga naik dalam 5 tahun terakhir.", []),
    ("Rapat berikutnya digelar 13 Oktober.", []),
    ("Tim tuan rumah menang 2-1 atas tamunya.", []),
    ("Mereka kalah 0-1 di kandang.", []),
    ("Kerja sama itu berlaku 2020-2025.", []),
    ("Musik era 1980-an kembali populer.", []),
    ("Salah satu pejabat hadir.", []),
    ("Beberapa warga dan sejumlah besar relawan datang.", []),
    ("Ini satu-satunya jalan.", []),
    ("Anggaran APBN 2007 disahkan.", []),
    ("Ia tinggal di kamar 12.", []),
    ("Kick-off dijadwalkan jam 7 malam.", []),
]

EN_CASES = [
    ("The service now has more than 600 million users.",
     [("more than 600 million", 600000000, None, "users", ">")]),
    ("Over 4,500 companies registered.", [("Over 4,500", 4500, None, "companies", ">")]),
    ("The firm hired 1,250 workers.", [("1,250", 1250, None, "workers", "=")]),
    ("Prices rose about 4 percent.", [("about 4 percent", 4, None, "%", "~")]),
    ("Growth slowed to 2.5%.", [("2.5%", 2.5, None, "%", "=")]),
    ("The deal is worth $1.2 billion.", [("$1.2 billion", 1200000000, None, "USD", "=")]),
    ("They raised $5m in seed funding.", [("$5m", 5000000, None, "USD", "=")]),
    ("Exports reached US$ 3.4bn last year.", [("US$ 3.4bn", 3400000000, None, "USD", "=")]),
    ("The city spent 300 million dollars on roads.", [("300 million dollars", 300000000, None, "USD", "=")]),
    ("The loan totals 2 billion yuan.", [("2 billion yuan", 2000000000, None, "CNY", "=")]),
    ("Fines of up to €500,000 apply.", [("up to €500,000", 500000, None, "EUR", "<=")]),
    ("The club paid £45 million for him.", [("£45 million", 45000000, None, "GBP", "=")]),
    ("At least 20 people were injured.", [("At least 20", 20, None, "people", ">=")]),
    ("Less than 5 km of road was repaired.", [("Less than 5 km", 5, None, "km", "<")]),
    ("Nearly 2.5 tonnes of rice were shipped.", [("Nearly 2.5 tonnes", 2.5, None, "ton", "~")]),
    ("Fewer than 300 votes separated them.", [("Fewer than 300", 300, None, "votes", "<")]),
    ("Almost 90 percent of the budget is spent.", [("Almost 90 percent", 90, None, "%", "~")]),
    ("Rates rose 25 basis points.", [("25 basis points", 25, None, "basis points", "=")]),
    ("The index fell 48 points.", [("48 points", 48, None, "points", "=")]),
    ("Twelve nominations went to the film.", [("Twelve", 12, None, "nominations", "=")]),
    ("Twenty-five people attended.", [("Twenty-five", 25, None, "people", "=")]),
    ("The charity fed a million people.", [("a million", 1000000, None, "people", "=")]),
    ("They bought two dozen eggs.", [("two dozen", 24, None, "eggs", "=")]),
    ("The ship carried one hundred and twenty passengers.",
     [("one hundred and twenty", 120, None, "passengers", "=")]),
    ("The plan covers three thousand five hundred homes.",
     [("three thousand five hundred", 3500, None, "homes", "=")]),
    ("Hundreds of thousands of people marched.", [("Hundreds of thousands", 100000, None, "people", "~")]),
    ("Thousands of workers went on strike.", [("Thousands", 1000, None, "workers", "~")]),
    ("The project cost millions of dollars.", [("millions of dollars", 1000000, None, "USD", "~")]),
    ("Prices could rise 10-20%.", [("10-20%", 10, 20, "%", "=")]),
    ("Growth of between 5 and 7 percent is expected.", [("between 5 and 7 percent", 5, 7, "%", "=")]),
    ("The plant employs 5 to 10 million workers.", [("5 to 10 million", 5000000, 10000000, "workers", "=")]),
    ("The farm covers 1,200 hectares.", [("1,200 hectares", 1200, None, "ha", "=")]),
    ("The plant will produce 660 MW.", [("660 MW", 660, None, "MW", "=")]),
    ("Output hit 800,000 barrels a day.", [("800,000 barrels", 800000, None, "bbl", "=")]),
    ("The prize of 5 or more cars was offered.", [("5 or more", 5, None, "cars", ">=")]),
    ("He was jailed for 5 years.", [("5", 5, None, "years", "=")]),
    ("Some 300 families were evacuated.", [("Some 300", 300, None, "families", "~")]),
    ("The country has 1,234,567 voters.", [("1,234,567", 1234567, None, "voters", "=")]),
    ("Temperatures dropped by minus 3 degrees.", [("minus 3 degrees", -3, None, "°", "=")]),
    ("Two-thirds of voters backed the plan.", [("Two-thirds", 2 / 3, None, "voters", "=")]),
    ("Revenue was $12.3 billion, up 8% from a year earlier.",
     [("$12.3 billion", 12300000000, None, "USD", "="), ("8%", 8, None, "%", "=")]),
    ("The bank cut rates by 0.25 percentage points.",
     [("0.25 percentage points", 0.25, None, "percentage points", "=")]),
    ("Shares fell 3.2 per cent.", [("3.2 per cent", 3.2, None, "%", "=")]),
    ("The road is 12 miles long and cost £3m in all.",
     [("12 miles", 12, None, "mi", "="), ("£3m", 3000000, None, "GBP", "=")]),
    ("The firm, founded in 1998, has 12,000 employees in 30 countries.",
     [("12,000", 12000, None, "employees", "="), ("30", 30, None, "countries", "=")]),
    ("Output rose to 1.5 million barrels.", [("1.5 million barrels", 1500000, None, "bbl", "=")]),
    ("The fund lost $2bn-$3bn last year.", [("$2bn-$3bn", 2000000000, 3000000000, "USD", "=")]),
    ("Inflation should stay at 2 plus or minus 1 percent.", [("2 plus or minus 1 percent", 1, 3, "%", "=")]),
    # --- counted noun, qualifiers, number shapes ------------------------------------------------------
    ("A dozen firefighters were hurt.", [("A dozen", 12, None, "firefighters", "=")]),
    ("The blackout hit half a million homes.", [("half a million", 500000, None, "homes", "=")]),
    ("The plant uses nearly half its water for cooling.", [("nearly half", 0.5, None, None, "~")]),
    ("Half the staff went home.", []),
    ("The city will build 40 new schools.", [("40", 40, None, "schools", "=")]),
    ("Officials from 30 local Red Cross branches attended.", [("30", 30, None, "branches", "=")]),
    ("About 300 Chinese tourists were stranded.", [("About 300", 300, None, "tourists", "~")]),
    ("The country plans to invest $50 billion over ten years.",
     [("$50 billion", 50000000000, None, "USD", "="), ("ten", 10, None, "years", "=")]),
    ("The runway was closed for nearly three years after the accident.",
     [("nearly three", 3, None, "years", "~")]),
    ("The strike ended three days after the talks.", []),
    ("A 4,000-ton ferry ran aground.", [("4,000-ton", 4000, None, "ton", "=")]),
    ("A magnitude 5.9 earthquake shook the island.", [("5.9", 5.9, None, "magnitude", "=")]),
    ("The shares gained 45 cents, or 1.2%, to close at 38.",
     [("45", 45, None, "cents", "="), ("1.2%", 1.2, None, "%", "="), ("38", 38, None, "cents", "=")]),
    ("She won 7 of 10 matches this season.", [("7", 7, None, "matches", "="), ("10", 10, None, "matches", "=")]),
    ("Carter, 41, runs the bakery.", [("41", 41, None, "years", "=")]),
    ("The sales rose 5 percent last year.", [("5 percent", 5, None, "%", "=")]),
    # --- not figures ---------------------------------------------------------------------------------
    ("The bill passed 61 vs 38 in the senate.", []),
    ("In an emergency, dial 999.", []),
    ("The meeting was held on 13/10/2024.", []),
    ("Over the last 10 years, sales doubled.", []),
    ("The talks resume on 5 May in Geneva.", []),
    ("Talks resumed on March 3 in Geneva.", []),
    ("The station opened at 10.30 GMT.", []),
    ("The talks began at 10:30 am.", []),
    ("The report was published in October 2024.", []),
    ("The company was founded in 2019.", []),
    ("She finished 3rd in the race.", []),
    ("The COVID-19 pandemic hit tourism.", []),
    ("The G20 summit opened.", []),
    ("The new iPhone 15 went on sale.", []),
    ("Article 5 of the treaty applies.", []),
    ("Call 555-1234 for details.", []),
    ("© 2024 Warta. All rights reserved.", []),
    ("Two years ago the plant closed.", []),
    ("Prices rose in the past five years.", []),
    ("The home side won 2-1.", []),
    ("One of the officials resigned.", []),
    ("Euro 2024 was held in Germany.", []),
    ("He scores twice every week.", []),
    ("The deal runs from 2020-2025.", []),
]

CASES = [("id", text, exp) for text, exp in ID_CASES] + [("en", text, exp) for text, exp in EN_CASES]


@pytest.mark.parametrize("lang,text,expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_figures(pipes, lang, text, expected):
    doc = pipes[lang](text)
    got = [(s.text, s._.value, s._.value_max, s._.unit, s._.qualifier) for s in doc.spans["figures"]]
    assert got == expected
    for span in doc.spans["figures"]:
        assert span.label_ == "FIGURE"
        assert span._.source == "figures"
        assert type(span._.value) in (int, float)


PARSE_CASES = [
    ("4.500", "id", 4500),
    ("600 juta", "id", 600000000),
    ("2,5", "id", 2.5),
    ("1.234.567", "id", 1234567),
    ("1,2 triliun", "id", 1200000000000),
    ("dua belas", "id", 12),
    ("tiga puluh lima", "id", 35),
    ("sejuta", "id", 1000000),
    ("seratus dua puluh tiga", "id", 123),
    ("dua ribu dua puluh empat", "id", 2024),
    ("satu setengah juta", "id", 1500000),
    ("ratusan ribu", "id", 100000),
    ("minus 3", "id", -3),
    ("2019", "id", 2019),
    ("4,500", "en", 4500),
    ("2.5", "en", 2.5),
    ("3 million", "en", 3000000),
    ("twenty-five", "en", 25),
    ("one hundred and five", "en", 105),
    ("a million", "en", 1000000),
    ("pengguna", "id", None),
    ("10.30", "id", None),
    ("", "en", None),
]


@pytest.mark.parametrize("text,lang,expected", PARSE_CASES)
def test_parse_number(text, lang, expected):
    got = parse_number(text, lang)
    assert got == expected
    if expected is not None:
        assert type(got) is type(expected)


def test_lang_config_overrides_nlp_lang():
    nlp = spacy.blank("xx")
    nlp.add_pipe("warta_figures", config={"lang": "id"})
    doc = nlp("Harga naik 4,5 persen.")
    assert [(s.text, s._.value) for s in doc.spans["figures"]] == [("4,5 persen", 4.5)]


def test_no_language_words_in_code():
    """All language facts live in the data files: no string literal of the module (docstrings and
    comments aside) holds a word of the lexicon."""
    import ast
    import re
    from pathlib import Path

    tree = ast.parse(Path(warta.components.figures.__file__).read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)}
    literals = " ".join(node.value for node in ast.walk(tree)
                        if isinstance(node, ast.Constant) and isinstance(node.value, str)
                        and id(node) not in docstrings)
    for word in ("juta", "ribu", "persen", "million", "lebih", "sekitar", "about", "tahun",
                 "year", "Rp", "dolar", "dollar", "satu", "one", "ratusan", "antara", "between"):
        assert not re.search(rf"\b{word}\b", literals, re.IGNORECASE), word
