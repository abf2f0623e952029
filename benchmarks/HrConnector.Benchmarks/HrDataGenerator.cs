using System.Globalization;
using System.Text;

namespace HrConnector.Benchmarks;

/// <summary>
/// Generates a realistic, deterministic HR feed (people and departments) for a fictional company.
/// The same seed and sizes always give byte-identical output: the only source of randomness is
/// <c>new Random(seed)</c>, and every date is relative to <see cref="Today"/>, never to the clock.
/// </summary>
/// <remarks>
/// Output is RFC 4180 CSV: comma separated, a field is quoted when it contains a comma, a quote or a
/// line break (inner quotes doubled), every line ends with <c>"\n"</c>. Files are UTF-8 without BOM.
/// </remarks>
public static class HrDataGenerator
{
    /// <summary>The reference date of the feed: ages, hire dates, end dates and modification times are relative to it.</summary>
    public static readonly DateOnly Today = new(2026, 11, 26);

    /// <summary>The columns of the people file, in order.</summary>
    public static IReadOnlyList<string> PeopleColumns { get; } =
    [
        "EmployeeId", "FirstName", "LastName", "PreferredName", "Email", "Gender", "BirthDate", "HireDate", "EndDate",
        "DepartmentCode", "ManagerId", "JobTitle", "CostCenter", "Location", "Country", "FullTimeEquivalent",
        "IsContractor", "EmployeeType", "Phone", "Salary", "ExternalId", "LastModified",
    ];

    /// <summary>The columns of the departments file, in order.</summary>
    public static IReadOnlyList<string> DepartmentColumns { get; } = ["DepartmentCode", "Name", "ParentCode", "ManagerId"];

    /// <summary>The name of the people file written by <see cref="WriteFiles"/>.</summary>
    public const string PeopleFileName = "people.csv";

    /// <summary>The name of the departments file written by <see cref="WriteFiles"/>.</summary>
    public const string DepartmentsFileName = "departments.csv";

    private const int FileBufferSize = 1 << 20;
    private const string EmailDomain = "@contoso.example";

    /// <summary>The number of departments generated for a people file of <paramref name="rows"/> rows.</summary>
    public static int DepartmentCountFor(int rows) => Math.Max(5, rows / 50);

    /// <summary>
    /// Formats a department code: <c>"D"</c> followed by the number zero-padded to at least 4 digits
    /// (<c>D0001</c> … <c>D9999</c>, then <c>D10000</c> …), the same in both files and for any size.
    /// </summary>
    public static string DepartmentCode(int number) =>
        "D" + number.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>Formats an employee id: <c>"E"</c> followed by the number zero-padded to at least 7 digits.</summary>
    public static string EmployeeId(int number) =>
        "E" + number.ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>
    /// Creates <paramref name="directory"/> if needed and writes <see cref="PeopleFileName"/> and
    /// <see cref="DepartmentsFileName"/> into it (UTF-8 without BOM), replacing existing files.
    /// </summary>
    /// <returns>The full paths of the two files.</returns>
    public static (string PeoplePath, string DepartmentsPath) WriteFiles(string directory, int rows, int seed = 42)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);

        string fullDirectory = Path.GetFullPath(directory);
        Directory.CreateDirectory(fullDirectory);
        string peoplePath = Path.Combine(fullDirectory, PeopleFileName);
        string departmentsPath = Path.Combine(fullDirectory, DepartmentsFileName);

        using (StreamWriter writer = CreateFileWriter(peoplePath))
        {
            WritePeople(writer, rows, seed);
        }

        using (StreamWriter writer = CreateFileWriter(departmentsPath))
        {
            WriteDepartments(writer, DepartmentCountFor(rows), rows, seed);
        }

        return (peoplePath, departmentsPath);
    }

    /// <summary>Returns the people CSV (header and <paramref name="rows"/> records) as a string, for small in-memory uses.</summary>
    public static string PeopleText(int rows, int seed = 42)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WritePeople(writer, rows, seed);
        return writer.ToString();
    }

    /// <summary>Writes the header line and <paramref name="rows"/> people records to <paramref name="writer"/>.</summary>
    public static void WritePeople(TextWriter writer, int rows, int seed)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);

        var rng = new Random(seed);
        var line = new LineBuilder();
        WriteHeader(writer, line, PeopleColumns);

        int departmentCount = DepartmentCountFor(rows);
        int today = Today.DayNumber;

        // Managers: about one employee in eight can have reports. Each one keeps its department,
        // so that most people work in the department of their manager.
        var managerIds = new List<int>(Math.Max(16, rows / 8));
        var managerDepartments = new List<int>(Math.Max(16, rows / 8));

        Span<byte> guidBytes = stackalloc byte[16];

        for (int id = 1; id <= rows; id++)
        {
            // EmployeeId
            line.Append('E');
            line.AppendPadded(id, 7);
            line.Append(',');

            // FirstName, LastName: ~2% of the people have CJK names.
            NameCulture culture = rng.Next(100) < 2 ? CjkCultures[rng.Next(CjkCultures.Length)] : LatinCulture;
            int genderRoll = rng.Next(100);
            char gender = genderRoll < 49 ? 'M' : genderRoll < 98 ? 'F' : 'X';
            Name[] firstNames = gender switch
            {
                'M' => culture.Male,
                'F' => culture.Female,
                _ => rng.Next(2) == 0 ? culture.Male : culture.Female,
            };
            Name firstName = firstNames[rng.Next(firstNames.Length)];
            Name lastName = culture.Last[rng.Next(culture.Last.Length)];
            line.Append(firstName.Csv);
            line.Append(',');
            line.Append(lastName.Csv);
            line.Append(',');

            // PreferredName: empty for ~80%.
            if (rng.Next(100) < 20)
            {
                line.Append(PreferredNames[rng.Next(PreferredNames.Length)]);
            }

            line.Append(',');

            // Email: firstname.lastname+e0000001@contoso.example, or e0000001@contoso.example without an ASCII name.
            bool hasSlug = false;
            if (firstName.Slug.Length > 0)
            {
                line.Append(firstName.Slug);
                hasSlug = true;
            }

            if (lastName.Slug.Length > 0)
            {
                if (hasSlug)
                {
                    line.Append('.');
                }

                line.Append(lastName.Slug);
                hasSlug = true;
            }

            if (hasSlug)
            {
                line.Append('+');
            }

            line.Append('e');
            line.AppendPadded(id, 7);
            line.Append(EmailDomain);
            line.Append(',');

            // Gender
            line.Append(gender);
            line.Append(',');

            // BirthDate (dd/MM/yyyy): aged 20 to 65.
            int birth = today - (365 * 20) - rng.Next(365 * 46);
            line.AppendDayMonthYear(birth);
            line.Append(',');

            // HireDate (yyyy-MM-dd): at 18 or later, not before 1990, not after today.
            int hireMin = Math.Max(birth + (365 * 18) + 5, HireFloor);
            int hire = hireMin + rng.Next(today - hireMin + 1);
            line.AppendIsoDate(hire);
            line.Append(',');

            // EndDate: ~5% of leavers, some of them in the future (notice period).
            int end = -1;
            if (rng.Next(100) < 5)
            {
                end = hire + 1 + rng.Next(today + 180 - hire);
                line.AppendIsoDate(end);
            }

            line.Append(',');

            // ManagerId and DepartmentCode (written in file order: department first).
            int managerId;
            int department;
            if (id == 1)
            {
                managerId = 0;
                department = 1;
            }
            else
            {
                int managerIndex = rng.Next(managerIds.Count);
                managerId = managerIds[managerIndex];
                department = rng.Next(100) < 60 ? managerDepartments[managerIndex] : 1 + rng.Next(departmentCount);
            }

            if (id == 1 || rng.Next(100) < 12)
            {
                managerIds.Add(id);
                managerDepartments.Add(department);
            }

            line.Append('D');
            line.AppendPadded(department, 4);
            line.Append(',');
            if (managerId > 0)
            {
                line.Append('E');
                line.AppendPadded(managerId, 7);
            }

            line.Append(',');

            // EmployeeType (written later), then JobTitle: ~10% with a comma, ~1.5% with a double quote.
            int typeRoll = rng.Next(100);
            string employeeType = id == 1 || typeRoll < 80 ? "Permanent" : typeRoll < 88 ? "Temporary" : typeRoll < 92 ? "Intern" : "Contractor";
            bool isIntern = employeeType == "Intern";
            int titleRoll = rng.Next(1000);
            string[] titles = id == 1 ? CeoTitle
                : isIntern ? InternTitles
                : titleRoll < 100 ? CommaTitles : titleRoll < 115 ? QuoteTitles : PlainTitles;
            line.Append(titles[rng.Next(titles.Length)]);
            line.Append(',');

            // CostCenter: mostly the cost center of the department.
            int costCenter = rng.Next(100) < 90 ? DepartmentCostCenter(department) : 1000 + rng.Next(9000);
            line.AppendNumber(costCenter);
            line.Append(',');

            // Location, Country
            City city = rng.Next(100) < 30 ? Cities[0] : Cities[rng.Next(Cities.Length)];
            line.Append(city.Csv);
            line.Append(',');
            line.Append(city.Country);
            line.Append(',');

            // FullTimeEquivalent, IsContractor, EmployeeType
            int fteRoll = rng.Next(100);
            int fteTenths = isIntern ? 10
                : fteRoll < 80 ? 10 : fteRoll < 90 ? 8 : fteRoll < 95 ? 5 : fteRoll < 98 ? 9 : 6;
            line.AppendNumber(fteTenths / 10);
            line.Append('.');
            line.AppendNumber(fteTenths % 10);
            line.Append(',');
            line.Append(employeeType == "Contractor" ? 'Y' : 'N');
            line.Append(',');
            line.Append(employeeType);
            line.Append(',');

            // Phone: "+33 1 23 45 67 89"
            line.Append('+');
            line.Append(city.CallingCode);
            line.Append(' ');
            line.AppendNumber(1 + rng.Next(9));
            for (int group = 0; group < 4; group++)
            {
                line.Append(' ');
                line.AppendPadded(rng.Next(100), 2);
            }

            line.Append(',');

            // Salary: two decimals, yearly, prorated by FTE.
            long cents = isIntern
                ? 12_000_00L + rng.Next(10_000_00)
                : (28_000_00L + rng.Next(120_000_00)) * fteTenths / 10;
            line.AppendNumber(cents / 100);
            line.Append('.');
            line.AppendPadded(cents % 100, 2);
            line.Append(',');

            // ExternalId: a version 4 GUID made of random bytes.
            rng.NextBytes(guidBytes);
            guidBytes[7] = (byte)((guidBytes[7] & 0x0F) | 0x40);
            guidBytes[8] = (byte)((guidBytes[8] & 0x3F) | 0x80);
            line.AppendGuid(new Guid(guidBytes));
            line.Append(',');

            // LastModified: in the last two years, not before hiring nor before leaving.
            int modifiedMin = Math.Max(hire, today - 730);
            if (end >= 0 && end <= today)
            {
                modifiedMin = Math.Max(modifiedMin, end);
            }

            int modifiedDay = modifiedMin + rng.Next(today - modifiedMin + 1);
            line.AppendIsoDate(modifiedDay);
            line.Append('T');
            int seconds = rng.Next(24 * 60 * 60);
            line.AppendPadded(seconds / 3600, 2);
            line.Append(':');
            line.AppendPadded(seconds / 60 % 60, 2);
            line.Append(':');
            line.AppendPadded(seconds % 60, 2);
            line.Append('Z');

            line.Append('\n');
            line.WriteTo(writer);
        }
    }

    /// <summary>
    /// Writes the header line and <paramref name="departmentCount"/> department records: department 1 is the
    /// root, every other one has a lower-numbered parent; managers are ids of the people file of
    /// <paramref name="peopleRows"/> rows (empty for ~5%, and always when there are no people).
    /// </summary>
    public static void WriteDepartments(TextWriter writer, int departmentCount, int peopleRows, int seed)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfNegative(departmentCount);
        ArgumentOutOfRangeException.ThrowIfNegative(peopleRows);

        var rng = new Random(seed);
        var line = new LineBuilder();
        WriteHeader(writer, line, DepartmentColumns);

        for (int number = 1; number <= departmentCount; number++)
        {
            line.Append('D');
            line.AppendPadded(number, 4);
            line.Append(',');

            if (number == 1)
            {
                line.Append(RootDepartmentName);
            }
            else
            {
                string function = DepartmentFunctions[rng.Next(DepartmentFunctions.Length)];
                City city = Cities[rng.Next(Cities.Length)];
                line.AppendField(string.Concat(function, " - ", city.Name));
            }

            line.Append(',');

            if (number > 1)
            {
                line.Append('D');
                line.AppendPadded(1 + rng.Next(number - 1), 4);
            }

            line.Append(',');

            if (peopleRows > 0 && rng.Next(100) >= 5)
            {
                line.Append('E');
                line.AppendPadded(1 + rng.Next(peopleRows), 7);
            }

            line.Append('\n');
            line.WriteTo(writer);
        }
    }

    private static StreamWriter CreateFileWriter(string path)
    {
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, FileBufferSize);
        return new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), FileBufferSize);
    }

    private static void WriteHeader(TextWriter writer, LineBuilder line, IReadOnlyList<string> columns)
    {
        for (int i = 0; i < columns.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            line.AppendField(columns[i]);
        }

        line.Append('\n');
        line.WriteTo(writer);
    }

    private static int DepartmentCostCenter(int department) =>
        1000 + (int)((uint)department * 2654435761u % 9000u);

    /// <summary>Quotes <paramref name="value"/> as RFC 4180 requires: when it contains a comma, a quote or a line break.</summary>
    internal static string CsvField(string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return value;
        }

        return string.Concat("\"", value.Replace("\"", "\"\"", StringComparison.Ordinal), "\"");
    }

    /// <summary>
    /// The lowercase ASCII form of a name for an email address: diacritics removed, a few letters
    /// transliterated (ß → ss, ø → o…), everything but letters, digits and hyphens dropped.
    /// Empty for a name without any Latin letter (such as a CJK name).
    /// </summary>
    internal static string EmailSlug(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (char c in name.Normalize(NormalizationForm.FormD))
        {
            switch (c)
            {
                case >= 'a' and <= 'z':
                case >= '0' and <= '9':
                case '-':
                    builder.Append(c);
                    break;
                case >= 'A' and <= 'Z':
                    builder.Append((char)(c + ('a' - 'A')));
                    break;
                case 'ß':
                    builder.Append("ss");
                    break;
                case 'ø' or 'Ø':
                    builder.Append('o');
                    break;
                case 'æ' or 'Æ':
                    builder.Append("ae");
                    break;
                case 'œ' or 'Œ':
                    builder.Append("oe");
                    break;
                case 'ł' or 'Ł':
                    builder.Append('l');
                    break;
                case 'đ' or 'Đ' or 'ð' or 'Ð':
                    builder.Append('d');
                    break;
                case 'þ' or 'Þ':
                    builder.Append("th");
                    break;
                case 'ı':
                    builder.Append('i');
                    break;
                default:
                    // Combining marks (the diacritics split off by FormD), apostrophes, spaces, non-Latin letters.
                    break;
            }
        }

        return builder.ToString().Trim('-');
    }

    private static readonly int HireFloor = new DateOnly(1990, 1, 1).DayNumber;

    private const string RootDepartmentName = "Contoso Group";

    private static readonly NameCulture LatinCulture = new(
        Male: Names(
            "Jean", "Pierre", "Louis", "Hugo", "Lucas", "Théo", "Jérôme", "Loïc", "Gaëtan", "François", "Benoît",
            "Noël", "Thomas", "Nicolas", "Julien", "Mathieu", "Jean-Luc", "Jürgen", "Jörg", "Günter", "Lukas",
            "Maximilian", "Stefan", "Søren", "Bjørn", "Øystein", "Lars", "Mikael", "José", "Ángel", "Íñigo",
            "Raúl", "Andrés", "João", "Luís", "Gonçalo", "Marco", "Luca", "Niccolò", "Paweł", "Łukasz", "Tomáš",
            "Miloš", "John", "Michael", "David", "James", "Robert", "William", "Daniel", "Matthew", "Mohamed",
            "Omar", "Karim", "Emre", "Oğuz", "Dmitri", "Aleksandr"),
        Female: Names(
            "Marie", "Camille", "Léa", "Zoé", "Chloé", "Inès", "Maëlle", "Anaïs", "Hélène", "Cécile", "Françoise",
            "Élodie", "Marie-Claire", "Emma", "Sophie", "Julia", "Anna", "Lena", "Hannah", "Jana", "Käthe",
            "Ingrid", "Åsa", "Sigrún", "Ewa", "Małgorzata", "Zuzana", "María", "Lucía", "Sofía", "Begoña",
            "Nuria", "Inês", "Conceição", "Giulia", "Chiara", "Mary", "Jennifer", "Linda", "Sarah", "Emily",
            "Olivia", "Fatima", "Aïcha", "Yasmine", "Zoë", "Ayşe", "Elif"),
        Last: Names(
            "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
            "Lefèvre", "Rousseau", "Girard", "Fournier", "Besançon", "Dupont-Moreau", "Lévy-Strauss", "Le Goff",
            "Müller", "Schmidt", "Schneider", "Fischer", "Weiß", "Weber", "Meyer", "Wagner", "Becker", "Schäfer",
            "Krüger", "Hoffmann", "Groß", "Jørgensen", "Sørensen", "Nielsen", "Hansen", "Åberg", "Lindqvist",
            "Núñez", "García", "Fernández", "González", "Rodríguez", "Martínez", "López", "Sánchez", "Peña",
            "Muñoz", "Ibáñez", "De la Cruz", "Gonçalves", "Magalhães", "Rossi", "Russo", "Ferrari", "Esposito",
            "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Dvořák", "Novák", "Smith", "Johnson", "Williams",
            "Brown", "Jones", "O'Connor", "O'Brien", "Van der Berg", "Yılmaz", "Öztürk", "Çelik", "Şahin",
            "Ivanov"));

    private static readonly NameCulture[] CjkCultures =
    [
        // Japanese; 𠮷 (in 𠮷田) is outside the BMP: a surrogate pair in UTF-16, 4 bytes in UTF-8.
        new(Male: Names("太郎", "健太", "翔", "大輔"), Female: Names("花子", "美咲", "陽菜", "さくら"),
            Last: Names("山田", "佐藤", "鈴木", "高橋", "田中", "渡辺", "𠮷田", "漢字")),
        // Chinese
        new(Male: Names("伟", "强", "磊", "浩然"), Female: Names("芳", "秀英", "丽", "静"),
            Last: Names("王", "李", "张", "刘", "陈")),
        // Korean
        new(Male: Names("민준", "지훈", "도윤"), Female: Names("서연", "지우", "하은"),
            Last: Names("김", "이", "박", "최")),
    ];

    private static readonly string[] PreferredNames = Fields(
        "Alex", "Max", "Sam", "Jo", "Bob", "Liz", "Kate", "Mike", "Tom", "Nico", "Flo", "Bea", "Ben", "Chris",
        "Dani", "Léo", "Malo", "Mia", "Jürgi", "Ken", "Hana", "Lulu", "Toni", "Cris");

    private static readonly string[] PlainTitles = Fields(
        "Software Engineer", "Senior Software Engineer", "Staff Engineer", "Data Analyst", "Data Scientist",
        "Product Manager", "Project Manager", "HR Business Partner", "Recruiter", "Payroll Specialist",
        "Accountant", "Financial Controller", "Sales Representative", "Account Executive", "Marketing Specialist",
        "Customer Support Agent", "Customer Success Manager", "Office Manager", "Executive Assistant",
        "IT Support Technician", "System Administrator", "Network Engineer", "Security Analyst", "Legal Counsel",
        "Buyer", "Logistics Coordinator", "Warehouse Operator", "Quality Engineer", "UX Designer",
        "Technical Writer", "Chargé de mission", "Responsable RH", "Ingénieur d'études", "Team Lead",
        "Operations Manager");

    private static readonly string[] InternTitles = Fields("Intern", "Apprentice", "Stagiaire");

    private static readonly string[] CeoTitle = Fields("Chief Executive Officer");

    private static readonly string[] CommaTitles = Fields(
        "Manager, Sales", "Director, Finance", "Vice President, Engineering", "Head, Human Resources",
        "Analyst, Credit Risk", "Specialist, Payroll & Benefits", "Lead, Customer Support", "Officer, Compliance");

    private static readonly string[] QuoteTitles = Fields(
        "Engineer \"Level 2\"", "Consultant \"Senior\"", "\"Chief\" Happiness Officer", "Manager, \"Special Projects\"");

    private static readonly string[] DepartmentFunctions =
    [
        "Finance", "Human Resources", "Sales", "Marketing", "Engineering", "Legal", "IT Operations", "Procurement",
        "Customer Support", "R&D", "Logistics", "Facilities", "Security", "Quality", "Data & Analytics",
        "Finance, Tax & Treasury", "Research, Development & Innovation", "Communication \"Corporate\"",
    ];

    // Cities[0] (Paris) is picked for ~30% of the people, on top of its uniform share.
    private static readonly City[] Cities =
    [
        new("Paris", "FR", "33"), new("Lyon", "FR", "33"), new("Toulouse", "FR", "33"), new("Lille", "FR", "33"),
        new("Berlin", "DE", "49"), new("München", "DE", "49"), new("Köln", "DE", "49"), new("Hamburg", "DE", "49"),
        new("Madrid", "ES", "34"), new("Barcelona", "ES", "34"), new("London", "GB", "44"), new("Manchester", "GB", "44"),
        new("Oslo", "NO", "47"), new("København", "DK", "45"), new("Zürich", "CH", "41"), new("Genève", "CH", "41"),
        new("Stockholm", "SE", "46"), new("Göteborg", "SE", "46"), new("Milano", "IT", "39"), new("Roma", "IT", "39"),
        new("Amsterdam", "NL", "31"), new("Bruxelles", "BE", "32"), new("Lisboa", "PT", "351"), new("Kraków", "PL", "48"),
        new("Warszawa", "PL", "48"), new("New York", "US", "1"), new("São Paulo", "BR", "55"), new("Montréal", "CA", "1"),
        new("Tokyo", "JP", "81"), new("Singapore", "SG", "65"),
    ];

    private static Name[] Names(params string[] names)
    {
        var result = new Name[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            result[i] = new Name(CsvField(names[i]), EmailSlug(names[i]));
        }

        return result;
    }

    private static string[] Fields(params string[] values)
    {
        var result = new string[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = CsvField(values[i]);
        }

        return result;
    }

    /// <summary>A name: its CSV form (quoted if needed) and its ASCII email form (empty when it has none).</summary>
    private sealed record Name(string Csv, string Slug);

    private sealed record NameCulture(Name[] Male, Name[] Female, Name[] Last);

    private sealed record City(string Name, string Country, string CallingCode)
    {
        public string Csv { get; } = CsvField(Name);
    }

    /// <summary>One CSV line built in a reusable buffer, written to the <see cref="TextWriter"/> in one call.</summary>
    private sealed class LineBuilder
    {
        private char[] _buffer = new char[1024];
        private int _length;

        public void Append(char c)
        {
            if (_length == _buffer.Length)
            {
                Grow(1);
            }

            _buffer[_length++] = c;
        }

        public void Append(string s)
        {
            if (_length + s.Length > _buffer.Length)
            {
                Grow(s.Length);
            }

            s.CopyTo(0, _buffer, _length, s.Length);
            _length += s.Length;
        }

        /// <summary>Appends a value that may need quoting.</summary>
        public void AppendField(string value) => Append(CsvField(value));

        /// <summary>Appends a non-negative number with at least <paramref name="width"/> digits, zero-padded.</summary>
        public void AppendPadded(long value, int width)
        {
            int digits = 1;
            for (long rest = value / 10; rest > 0; rest /= 10)
            {
                digits++;
            }

            int count = Math.Max(digits, width);
            if (_length + count > _buffer.Length)
            {
                Grow(count);
            }

            int end = _length + count;
            for (int i = end - 1; i >= _length; i--)
            {
                _buffer[i] = (char)('0' + (int)(value % 10));
                value /= 10;
            }

            _length = end;
        }

        public void AppendNumber(long value) => AppendPadded(value, 1);

        /// <summary>Appends a date as yyyy-MM-dd.</summary>
        public void AppendIsoDate(int dayNumber)
        {
            var date = DateOnly.FromDayNumber(dayNumber);
            AppendPadded(date.Year, 4);
            Append('-');
            AppendPadded(date.Month, 2);
            Append('-');
            AppendPadded(date.Day, 2);
        }

        /// <summary>Appends a date as dd/MM/yyyy.</summary>
        public void AppendDayMonthYear(int dayNumber)
        {
            var date = DateOnly.FromDayNumber(dayNumber);
            AppendPadded(date.Day, 2);
            Append('/');
            AppendPadded(date.Month, 2);
            Append('/');
            AppendPadded(date.Year, 4);
        }

        /// <summary>Appends a GUID in "D" format (lowercase).</summary>
        public void AppendGuid(Guid guid)
        {
            if (_length + 36 > _buffer.Length)
            {
                Grow(36);
            }

            guid.TryFormat(_buffer.AsSpan(_length), out int written, "D");
            _length += written;
        }

        public void WriteTo(TextWriter writer)
        {
            writer.Write(_buffer, 0, _length);
            _length = 0;
        }

        private void Grow(int needed) =>
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + needed));
    }
}
