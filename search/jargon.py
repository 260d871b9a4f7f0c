"""A plain-English jargon buster for English council papers, for query expansion.

Officers write "NEET", "EHE" and "establishment"; residents ask about "school leavers not
in work", "home schooling" and "how many staff". Each entry is a term as officers write
it, its formal name, and plain phrasings a member of the public might use instead. The
phrasings are matched to the query by meaning (search/expand.py); a match appends the
term and its formal name to the query, so both BM25 and the embedder see the officers'
words. Written for the services whose papers councils publish most: children's services,
education and SEND, health, adult care, finance, governance and place.

Format: one entry a line, `TERM | formal name | phrasing; phrasing; ...`.
"""

import hashlib
from dataclasses import dataclass

_TABLE = """
NEET | not in education, employment or training | young people not in work or study; school leavers without a job or college place; teenagers not working or learning; unemployed young people
not known | young people whose education or employment is not known | teenagers the council has lost track of; school leavers whose destination is unknown
EHE | elective home education | parents teaching their own children at home; home schooling; families taking children out of school to educate them at home; children educated at home instead of school
CME | children missing education | children not on any school roll; children of school age with no school place; pupils who have dropped out of the school system; children not receiving any education
exclusions | permanent exclusions and suspensions | pupils expelled from school; children sent home from school for bad behaviour; kids kicked out of school; fixed term exclusions
persistent absence | persistent absence and school attendance | pupils missing a lot of school; truancy; children skipping school; poor attendance at school
alternative provision | alternative provision and pupil referral units | schools for pupils who cannot attend mainstream school; education for excluded children; PRU
academies | academy conversion | schools leaving council control; schools that became academies; schools run by trusts instead of the council; multi-academy trusts
maintained schools | local authority maintained schools | schools the council still runs; community schools
attainment | educational attainment and outcomes | exam results; how well pupils do at school; GCSE results; key stage 2 results; reading writing and maths scores
disadvantaged pupils | disadvantaged pupils and pupil premium | poorer pupils; children on free school meals; attainment gap between rich and poor children
school places | school place planning and sufficiency | enough school places; new schools being built; school admissions; getting a place at a local school
home to school transport | home to school transport | school buses; taxis to take children to school; travel to school for pupils with special needs
early years | early years education and childcare | nursery places; preschool children; free childcare hours; good level of development at age five
DSG | dedicated schools grant | money from government for schools; schools budget; education funding from central government
high needs block | high needs block of the dedicated schools grant | money for special educational needs; SEND budget deficit; overspend on special needs funding
virtual school | virtual school for children in care | education of children in care; school results of looked after children
post-16 | post-16 education and training | sixth form; college; apprenticeships; further education after GCSEs
SEND | special educational needs and disabilities | children with special needs; disabled children; kids with learning difficulties; pupils needing extra support at school
EHCP | education, health and care plan | legal plan of support for a child with special needs; statement of special educational needs; EHC plan
EHC needs assessment | education, health and care needs assessment | assessing a child for a special needs plan; 20 week deadline for EHC plans; how long families wait for an EHCP
special schools | special schools and resourced provision | schools for disabled children; specialist school places; independent special school placements
parent carer forum | parent carer forum and parent carer voice | group representing families of disabled children; parents of children with special needs
short breaks | short breaks and respite care | respite for families of disabled children; breaks for carers of disabled children
ASD | autistic spectrum disorder and neurodevelopmental assessment | autism; autism diagnosis waiting list; ADHD assessment; waiting for an autism assessment
CAMHS | child and adolescent mental health services | mental health services for young people; children's mental health waiting times; help for anxious or depressed teenagers
emotional wellbeing | emotional wellbeing and mental health | young people's mental health; self harm; anxiety and depression in children; counselling in schools
preparing for adulthood | preparing for adulthood and transition | disabled teenagers moving to adult services; young people with special needs becoming adults
children in care | children in care and looked after children | kids in care; children looked after by the council; children living in foster care or children's homes; number of children taken into care
CiC | children in care | looked after children; LAC; children the council looks after
care leavers | care leavers | young people who have left care; former children in care; support for young adults leaving care; care experienced young people
UASC | unaccompanied asylum seeking children | refugee children arriving alone; child asylum seekers without parents; national transfer scheme
foster care | foster care and fostering | foster carers; foster families; recruiting foster parents; fostering allowances
residential care | residential children's homes | children's homes; residential placements; costly external placements for children in care
placement sufficiency | sufficiency of placements for children in care | enough foster and residential places; shortage of placements for children in care; placement costs
SGO | special guardianship order | relatives or friends becoming a child's legal guardian; grandparents bringing up grandchildren; kinship care orders
kinship care | kinship care and family and friends care | children brought up by relatives; grandparents caring for children; family and friends carers
adoption | adoption | adopting children; adoptive parents; regional adoption agency
child protection | child protection plans | children at risk of significant harm; abuse and neglect; children on a protection plan; section 47 enquiries
CiN | children in need | children needing help from social services; child in need plans
early help | early help and family support | support for families before problems get worse; early intervention with struggling families; family support workers
family hubs | family hubs and children's centres | one stop shops for family services; children's centres; Sure Start
MASH | multi-agency safeguarding hub | front door for reports about children at risk; where referrals about children are received and screened
referrals | contacts and referrals to children's social care | reports of concern about a child; calls to social services about children; demand on children's services
caseloads | social work caseloads | number of cases each social worker holds; social workers' workload; cases per worker
social work workforce | social work recruitment, retention and agency staff | vacancies for social workers; agency social workers; staff turnover; newly qualified social workers; recruiting and keeping social workers
establishment | staffing establishment in full time equivalent posts | number of staff in a team; funded posts; FTE; staffing structure
edge of care | edge of care services | keeping children out of care; preventing family breakdown; helping families stay together
CSE | child sexual exploitation and criminal exploitation | grooming of children; county lines; gangs exploiting children; child criminal exploitation
missing children | children missing from home or care | runaway children; children who go missing; return home interviews
domestic abuse | domestic abuse and perpetrator programmes | domestic violence; controlling or coercive behaviour; abusive partners or parents; perpetrator programmes
youth justice | youth justice service | young offenders; crime by teenagers; youth offending team; first time entrants to the youth justice system; out of court disposals
Supporting Families | Supporting Families programme (formerly Troubled Families) | troubled families; payment by results for turning families around; families with multiple problems
corporate parenting | corporate parenting | the council's duty as parent to children in care; corporate parenting panel
Ofsted | Ofsted inspections | inspection rating; inspectors' judgement of children's services; good or outstanding; requires improvement
IRO | independent reviewing officer | review of a child's care plan; reviewing officers for children in care
care proceedings | care proceedings and the Public Law Outline | court cases to take children into care; care orders; family court
private fostering | private fostering | children living with someone who is not a close relative for 28 days or more
ACE | adverse childhood experiences | childhood trauma; children who have been through abuse, neglect or family breakdown; trauma informed practice
FGC | family group conference | family meetings to plan a child's care; relatives coming together to make a plan for a child
HAF | holiday activities and food programme | free holiday clubs with meals; school holiday activities for children on free school meals; holiday hunger
GLD | good level of development in the early years foundation stage | school readiness at age five; how ready children are for school; reception year results
speech and language | speech and language therapy | children with speech delays; help with talking and communication; speech therapists
educational psychology | educational psychology service | educational psychologists; assessment of a child's learning needs; psychologist reports for special needs plans
SEMH | social, emotional and mental health needs | children with behaviour difficulties; pupils with emotional problems at school
GRT | Gypsy, Roma and Traveller children | traveller pupils; gypsy and traveller families
EAL | English as an additional language and ethnic minority achievement | pupils who do not speak English at home; children learning English; refugee pupils
ENAS | extended non-attendance at school | school refusers; children too anxious to go to school; emotionally based school avoidance
fair access | fair access protocol | placing hard to place pupils in schools; finding a school for excluded children mid year
PEP | personal education plan | education plans for children in care; school targets for looked after children
DSL | designated safeguarding lead | the teacher responsible for child protection in a school
SENDIAS | SEND information, advice and support service | independent advice for parents of children with special needs
NQSW | newly qualified social workers and the assessed and supported year in employment | social workers in their first year; trainee social workers
CHC | continuing health care | NHS funded care for people with complex health needs
restorative practice | restorative practice | repairing harm by bringing people together; restorative approaches in schools and families
Signs of Safety | Signs of Safety practice model | the way social workers assess risk with families; strengths based social work
deprivation | deprivation and poverty | poor families; child poverty; deprived areas; low income households; cost of living
digital | digital and technology | online services; websites and apps; digital skills
young carers | young carers | children who look after a sick or disabled parent; children caring for family members
youth services | youth services and positive activities | youth clubs; activities for teenagers; youth workers; youth council
voice of the child | participation and the voice of children and young people | what children and young people say; listening to young people; surveys of young people's views
health visiting | health visiting service | health visitors; checks for babies and toddlers; support for new parents
school nursing | school nursing service | school nurses; health checks in schools
FNP | Family Nurse Partnership | specialist nurses for young first-time parents; intensive home visiting for young mothers
teenage pregnancy | teenage conceptions | under 18 pregnancies; teenage mothers
childhood obesity | childhood obesity and the National Child Measurement Programme | overweight children; child weight; healthy eating for children
immunisation | immunisation and vaccination | vaccines for children; vaccination rates; jabs
substance misuse | substance misuse services | drug and alcohol problems; young people using drugs; addiction treatment
public health | public health | health of the population; public health grant; health inequalities; life expectancy
ICB | integrated care board | NHS commissioners; clinical commissioning group; CCG; local NHS funding body
JSNA | joint strategic needs assessment | analysis of local health and care needs
health and wellbeing board | health and wellbeing board | joint board of the council and NHS
adult social care | adult social care | care for older people; care for disabled adults; social care for adults; care packages
home care | domiciliary care | carers visiting people at home; home care hours; care workers visiting older people
care homes | residential and nursing care homes | nursing homes; old people's homes; care home placements
hospital discharge | hospital discharge and delayed transfers of care | bed blocking; patients waiting to leave hospital; delayed discharge
reablement | reablement | short term help to regain independence after hospital
direct payments | direct payments and personal budgets | money given to people to arrange their own care
unpaid carers | carers and carers' assessments | family members caring for a relative; support for carers
safeguarding adults | safeguarding adults | abuse of vulnerable adults; protecting adults at risk
DoLS | deprivation of liberty safeguards | restricting the freedom of people who lack capacity
learning disabilities | learning disabilities | adults with learning disabilities; supported living
BCF | Better Care Fund | pooled budget between council and NHS
MTFS | medium term financial strategy | council's budget plan for the next few years; future funding gap; savings needed in coming years
revenue budget | revenue budget and monitoring | day to day spending; forecast overspend or underspend; budget position; spending against budget
overspend | overspend and underspend | spending more than the budget; budget pressures; cost pressures; forecast deficit
savings | savings programme | cuts; budget reductions; savings not delivered; efficiency savings
reserves | earmarked and general reserves | council's savings pots; rainy day money; using reserves to balance the budget
capital programme | capital programme | building projects; investment in roads, schools and buildings; capital spending
council tax | council tax and precept | council tax rise; the amount residents pay; adult social care precept
grant funding | grant funding from government | money from central government; government grants; funding settlement
outturn | outturn | final spending at the end of the financial year; year end position
fees and charges | fees and charges | what the council charges for services; prices for services
OSC | overview and scrutiny committee | scrutiny committee; councillors checking decisions; scrutiny panel
cabinet | cabinet and portfolio holders | the council's executive; cabinet member responsible; leader of the council
work programme | scrutiny work programme | what the committee plans to look at; future agenda items; topics for scrutiny
task and finish group | task and finish group | short scrutiny review by a small group of councillors
call-in | call-in of a decision | scrutiny challenging a cabinet decision before it takes effect
key decision | key decision | major decision on spending or affecting several wards; forward plan
declarations of interest | declarations of interest | councillors declaring personal or pecuniary interests; conflicts of interest
public questions | questions from the public and councillors | residents asking questions at the meeting; councillors' questions to the portfolio holder
minutes | minutes of the previous meeting | what was decided at the last meeting; record of the meeting; matters arising
resolution | resolutions and recommendations | what the committee agreed; decision taken; recommendation to cabinet
exempt information | exempt information and exclusion of the press and public | confidential item; private session; part two
complaints | complaints and the Local Government and Social Care Ombudsman | complaints about the council; ombudsman findings; compliments and complaints
performance | performance scorecard and key performance indicators | targets; performance figures; how the service is doing; dashboard; KPIs; rag rating
workforce | workforce, recruitment and sickness absence | staff numbers; staff sickness; recruitment difficulties; pay and grading
commissioning | commissioning and procurement | contracts with providers; tender; outsourced services; buying services
partnership | safeguarding partnership | local safeguarding children board; partners working together to keep children safe
serious case review | child safeguarding practice reviews | serious case reviews; learning from child deaths or serious harm
highways | highways maintenance | potholes; road repairs; resurfacing; street lighting; gritting
transport | transport and bus services | buses; public transport; concessionary fares; rail
planning | planning applications and the local plan | planning permission; new housing developments; section 106 contributions
housing | housing and homelessness | homeless families; temporary accommodation; social housing; affordable homes
waste | waste and recycling | rubbish collection; recycling rates; household waste recycling centres; fly tipping
libraries | libraries | library closures; library opening hours; mobile libraries
fire and rescue | fire and rescue service | firefighters; fire stations; response times to fires
climate change | climate change and net zero | carbon emissions; climate emergency; environment; tree planting
broadband | broadband and digital infrastructure | internet access; superfast broadband; digital inclusion
economy | economic development and skills | jobs; local businesses; employment; skills and training for adults
community safety | community safety | crime and anti-social behaviour; police and crime; community safety partnership
DCS | Director of Children's Services | council's most senior children's services officer; top official in charge of children's social care and schools; statutory director responsible for children
lead member | Lead Member for Children's Services | councillor legally responsible for children's services; the councillor accountable for children's social care
GP | general practitioner | family doctor; local doctor's surgery; doctors at the local health centre
case conference | child protection case conference | meeting to decide if a child needs a protection plan; professionals meeting about a child at risk of abuse; social workers, police and doctors meeting about a child
thresholds | thresholds of need and threshold document | when social services will get involved with a family; how serious a concern must be for social workers; level of concern needed for a social care referral
LADO | local authority designated officer | allegations that a teacher harmed a child; complaints about staff who work with children; concerns about a foster carer's or youth worker's conduct
EDT | emergency duty team | out of hours social services; social workers on call at night and weekends; emergency social work cover on bank holidays
CAF | common assessment framework and early help assessment | form to assess a struggling family's needs early; shared assessment schools use to get families help
lead professional | lead professional | one named worker coordinating a family's support; single contact person for a family getting help
step down | step down from children's social care to early help | social services handing a case to lighter support; family moved from social worker to family support
child and family assessment | children and family assessments by social workers | social worker assessing a family after a referral; how quickly social workers finish their assessments
pre-proceedings | pre-proceedings under the Public Law Outline | formal warning letter before the council goes to court; last chance for parents before a care court case; meeting with parents before legal action to remove children
FDAC | Family Drug & Alcohol Court | special family court helping addicted parents keep their children; court that supports parents to stop drinking or taking drugs
recurrent care proceedings | recurrent care proceedings | mothers who have had several children taken into care; parents repeatedly losing babies to care; breaking the cycle of repeat removals of children
child arrangements order | child arrangement order | court order deciding who a child lives with; court order on where a child lives and contact
accommodated | accommodation of a child by the council with parental agreement (section 20) | parents agreeing to put a child into care; voluntary care with the parents' consent; parent asking the council to look after their child
permanency | permanence planning for children in care | finding a settled long term home for a child; stopping children in care drifting without a plan; long term plan for where a child grows up
reunification | reunification of children in care with their birth family | children in care returning home to their parents; sending a child back home from care safely
placement stability | placement stability for children in care | children in care moving home too often; how many times a child in care has moved; keeping children in the same foster home
unregistered children's homes | unregistered and unregulated placements | children placed in illegal unregistered homes; care placements not inspected by Ofsted; teenagers in care living in unregulated accommodation
supported accommodation | supported accommodation for 16 to 24 year olds | hostels and supported flats for older children in care; semi-independent living for care leavers; housing with support for teenagers leaving care
out of county placements | out of county provision and placements | children in care placed far from home; children sent to placements in other counties; special school places outside the county
life story work | life story work for children in care and adopted children | helping fostered or adopted children understand their past; scrapbook explaining a child's history before care
sibling groups | placement of brothers and sisters in care | keeping brothers and sisters together in care; siblings split up in foster care
Children in Care Council | Children in Care Council | group where children in care have their say; forum for looked after children to speak to councillors
local offer for care leavers | care leavers' local offer | what the council promises young people leaving care; support package for care leavers such as free gym; help with council tax and housing for care leavers
through care | through care and leaving care service | social work team for teenagers in care and care leavers; leaving care team; support for care leavers up to age 25
House Project | National House Project for care leavers | care leavers doing up and moving into their own homes; group project helping care leavers set up their first home
independence skills | independence skills training for care leavers | teaching care leavers to cook, budget and pay bills; life skills for young people about to live alone; preparing children in care to live independently
Southwark judgment | duties to homeless 16 and 17 year olds (Southwark judgment) | homeless 16 and 17 year olds; teenagers thrown out by their parents; who must house a homeless teenager
remand | remand to youth detention or local authority accommodation | teenagers held in custody awaiting trial; children refused bail by a court; foster placements for children awaiting sentence
reoffending | reoffending by young offenders | young offenders committing crimes again; how many young offenders commit more crime; repeat offending by teenagers
out of court disposals | out of court disposals and youth conditional cautions | police dealing with a teenager without going to court; youth caution instead of prosecution; keeping first time young offenders out of court
serious youth violence | serious youth violence and knife crime | knife crime among teenagers; young people carrying knives; stabbings involving young people; violent crime by young people
county lines | county lines drug dealing | drug gangs using children to deal drugs; teenagers groomed to carry drugs to other towns; city gangs recruiting local children to sell drugs
modern-day slavery | modern slavery and child trafficking | children trafficked by criminal gangs; child victims of human trafficking; young people forced to work for criminals
contextual safeguarding | contextual safeguarding | risks to teenagers outside the family home; children harmed by peers in parks or online; protecting young people from danger in their neighbourhood
Family Safeguarding | Family Safeguarding model | social workers teamed with drug, alcohol and mental health workers; adult specialists working alongside children's social workers
parenting programmes | evidence-based parenting programmes such as Triple P and Incredible Years | parenting classes; courses to help parents manage children's behaviour; parenting courses for mums and dads
parental conflict | reducing parental conflict | parents arguing in front of children; support when parents separate badly; effect of parents' rows on children
FIS | Family Information Service | council helpline for information on childcare; finding childcare and family activities nearby; advice line for parents about local services
Healthy Child Programme | Healthy Child Programme 0-19 | NHS health and development reviews for under fives; health checks from pregnancy to school age
6-8 week health check | health visitor 6-8 week new baby review | baby check at six to eight weeks old; health visitor check for new babies; new baby review at home
breast feeding | breastfeeding initiation and prevalence | mothers starting to breastfeed; how many new mums breastfeed their babies
low birth weight | low birth weight babies | babies born underweight; small babies at birth
smoking at time of delivery | women who smoke at the time of delivery | pregnant women who smoke; mums smoking when giving birth; smoking during pregnancy
infant mortality | infant mortality rate | babies dying before their first birthday; deaths of babies under one
maternal mental health | perinatal and maternal mental health | postnatal depression; new mothers' mental health problems; mums struggling mentally after giving birth
child accident prevention | child accident prevention | preventing injuries to toddlers at home; children hurt in accidents at home; keeping young children safe from falls and burns
sexual health | sexual health services | contraception advice for young people; STI testing for teenagers; clinics for sexually transmitted infections
suicide prevention | suicide rates and suicide prevention | people taking their own lives; young people dying by suicide
tier 4 | tier 4 inpatient child and adolescent mental health services | teenagers admitted to psychiatric wards; mental health hospital beds for young people; children in crisis needing inpatient care
eating disorders | eating disorder service for children and young people | anorexia in teenagers; young people with bulimia; waiting lists for anorexia treatment
MHST | mental health support teams in schools (trailblazers) | mental health workers based in schools; NHS teams helping pupils with anxiety at school
referral to treatment | referral to treatment waiting times | how long children wait to start treatment; 18 week wait for mental health help
social prescribing | social prescribing | GPs referring patients to community activities; doctors prescribing clubs or exercise instead of pills
Mental Health First Aid | Mental Health First Aid training | training staff to spot mental health problems; first aid course for mental health crises
occupational therapy | occupational therapy | help with handwriting, movement and sensory needs; therapists helping children with daily living skills
DCO | designated clinical officer for SEND | NHS lead for children with special needs; health professional overseeing health advice for EHC plans
SENCO | special educational needs coordinator | teacher in charge of special needs in a school; school's special needs teacher
SEN support | SEN support in mainstream schools | extra help at school without an EHC plan; children with special needs but no plan; support from the school's own special needs budget
local offer | SEND local offer | website listing services for disabled children; information for parents of children with special needs; where to find special needs services locally
WSoA | written statement of action after a local area SEND inspection | improvement plan after a failed special needs inspection; action plan ordered by Ofsted and CQC on special needs
local area SEND inspection | Ofsted and CQC local area SEND inspection | inspection of special needs services across council and NHS; inspectors checking how the area supports disabled children
CQC | Care Quality Commission | health and care regulator; inspectors of hospitals, GPs and care homes
tribunal | SEND tribunal appeals | parents appealing against special needs decisions; taking the council to tribunal over an EHCP; legal appeal over a school place for a disabled child
disagreement resolution | SEND mediation and disagreement resolution | mediation between parents and council over special needs; resolving disputes about EHC plans without a tribunal
co-production | co-production with parents and young people | designing services together with parents; involving families in decisions about services; working in partnership with parent carers
annual review | annual review of an EHC plan | yearly check of a child's special needs plan; updating an EHCP every year
graduated response | graduated response (assess, plan, do, review) | steps a school takes before asking for an EHCP; school trying different support before an assessment
EOTAS | education otherwise than at school | education arranged outside school for a child with an EHCP; home tutoring paid by the council for special needs
medical education provision | education for children with medical needs | schooling for children too ill to attend school; hospital teaching for sick pupils; home tuition for children with health problems
high needs panel | high needs funding panel | panel deciding on special needs funding; who decides on top up money for special needs pupils
inclusion | inclusion of pupils with SEND in mainstream schools | helping children with special needs stay in ordinary schools; making mainstream schools welcoming for disabled pupils
specialist teaching service | specialist teaching service | advisory teachers for pupils with special needs; specialist teachers advising schools on autism
ADHD | attention deficit hyperactivity disorder | children who cannot concentrate or sit still; hyperactive children; kids with attention problems
hearing impairment | hearing impairment and deaf children | deaf children; pupils with hearing loss; children who use sign language
CWD | children with disabilities social work team | social workers for disabled children; social care for children with severe disabilities
learning support units | learning support units and nurture groups | in-school units for pupils at risk of exclusion; small classes for primary pupils with emotional needs
behaviour partnerships | area behaviour partnerships | groups of secondary schools sharing responsibility for exclusions; schools working together to avoid expelling pupils
education social work | education social work and education welfare service | attendance officers; council officers chasing truancy; prosecuting parents whose children miss school
education safeguarding | education safeguarding service for schools | child protection training for school staff; council advisers helping schools with safeguarding
two-year-old funding | funded early education for eligible two year olds | free nursery place for two year olds; free childcare for toddlers from low income families; 15 free hours for two year olds on benefits
3 and 4 year old entitlement | early education entitlement for three and four year olds | free 15 hours nursery for three year olds; 30 hours free childcare; free preschool hours for four year olds
EYFS | early years foundation stage | curriculum for children under five; nursery and reception year learning framework
PVI | private, voluntary and independent early years providers | private nurseries; childminders and playgroups; preschools run by charities
Progress 8 | Progress 8 at Key Stage 4 | how much progress pupils make at secondary school; value added score for secondary schools
level 3 at 19 | level 2 and level 3 attainment by age 19 | A levels or equivalent by age 19; young people qualified by age 19; English and maths passed by 19
special measures | special measures and serious weaknesses | failing school; school judged inadequate by Ofsted; schools in a category of concern
school improvement | school improvement service | helping struggling schools get better; council support to raise school standards
teacher recruitment and retention | teacher recruitment and retention | shortage of teachers; keeping good teachers in local schools; attracting teachers to the area
CPD | continuing professional development | training for staff to keep skills up to date; courses for teachers and social workers
free schools | free schools | new state schools set up by parents or charities; new schools funded directly by government
traded services | traded services to schools and academies | services the council sells to schools; schools buying council support services; academies paying the council for services
school governors | school governors and governing bodies | volunteers who oversee a school; people on a school's board
school preferences | school admissions preferences and offers | getting your first choice school; parents' top three school choices; how many families got their preferred school
admission number | published admission number | how many pupils a school can take each year; increasing a school's intake; expanding a primary school
in year admissions | in-year admissions and school transfers | moving school in the middle of the year; changing schools mid term
school funding formula | local schools funding formula | how money is shared out between schools; funding each school gets per pupil
schools block | schools block of the dedicated schools grant | government money passed to schools for pupils; core schools funding from government
early years block | early years block of the dedicated schools grant | government money for free nursery places; funding for childcare providers
capital receipts | capital receipts from asset disposals | money from selling council land or buildings; selling off old school sites; disposal of surplus property
slippage | slippage in spending and projects | spending delayed into next year; projects running behind schedule; money not spent on time
one-off funding | one-off and non-recurring funding | temporary money that will run out; short term grant that ends; funding that is not permanent
Social Care Grant | Social Care Grant | government grant for adult and children's social care; extra government money for social care
Early Intervention Grant | Early Intervention Grant | government grant for early help and children's centres; cuts to early intervention funding
business case | business case | case for spending money on a project; justification for an investment; cost and benefit plan for a new service
external audit | external audit and audit opinion | auditors checking the council's accounts; clean bill of health on the accounts; annual accounts signed off
wholly-owned council company | wholly-owned council company for children's services | children's services run by a council owned company; arms length company delivering children's social care
risk register | strategic and service risk registers | biggest risks the council faces; list of things that could go wrong; red rated risks
Council Plan | council plan and corporate plan | the council's main priorities for the next few years; council's corporate objectives
statistical neighbours | statistical neighbours | similar councils to compare with; how we compare with similar areas; comparison with comparable counties
quality assurance | quality assurance and case file audits | checking the quality of social work; managers auditing children's case files; reviewing the standard of casework
supervision | reflective supervision of social workers | managers meeting social workers to review cases; support sessions for social workers with their manager
restructure | service restructure and reorganisation | reorganising teams; staff reorganisation; changing the staffing structure
Principal Social Worker | Principal Child and Family Social Worker | senior social worker leading on practice quality; social worker linking frontline staff and management
Munro Review | Munro review of child protection | 2011 review of child protection by Eileen Munro; reducing red tape in child protection; national review of social work bureaucracy
Working Together | Working Together to Safeguard Children statutory guidance | government rules for how agencies protect children; national guidance on safeguarding children
Children and Families Act 2014 | Children and Families Act 2014 SEND reforms | 2014 changes to special needs law; new law bringing in EHC plans; special needs green paper reforms
designated professionals | designated and named professionals for safeguarding | lead NHS doctor or nurse for child protection; health staff responsible for safeguarding children
designated teacher | designated teacher for looked after children | teacher responsible for children in care in a school; school lead for fostered pupils
social workers in schools | social workers in schools | social workers based in schools; school based social work pilot
multi-agency working | multi-agency and multi-disciplinary working | professionals from different agencies working together; police, health and council working jointly
information sharing | information sharing between agencies | agencies sharing information about a child; schools passing on safeguarding concerns; data sharing between police and social services
VCS | voluntary and community sector | charities and community groups; local voluntary organisations; third sector
joint commissioning | joint commissioning with the NHS | council and NHS buying services together; joint funding of services with health
EIA | equality impact assessment | checking if a decision treats some groups unfairly; impact of a decision on disabled or minority residents
disproportionality | disproportionality | over-representation of Black children in care or youth justice; unequal outcomes for ethnic minority young people
careers guidance | careers information, advice and guidance | careers advice for pupils; help choosing a job or course; careers advisers in schools
RPA | raising the participation age | young people must stay in learning until 18; duty to be in education or training until 18
September Guarantee | September Guarantee | college or sixth form place offered to every school leaver; guaranteed place in learning after year 11
CCIS | client caseload information system | database tracking what school leavers are doing; tracking young people's education or job status
apprenticeships | apprenticeships and traineeships | earning while learning a trade; paid job with training for school leavers; on the job training for young people
supported internships | supported internships | work placements for young people with learning disabilities; job training for young people with EHC plans
T Levels | T Levels | new technical qualification after GCSEs; vocational alternative to A levels
outdoor education | outdoor education | outdoor activity centres; adventurous activities like climbing and canoeing; residential outdoor trips for pupils
educational visits | educational visits | school trips; safety of school outings; approving school trips abroad
bursary | bursary scheme | grant to help poorer children pay for activities; financial help for students from low income families
detached youth work | detached and outreach youth work | youth workers on the streets; youth workers meeting teenagers in parks; youth bus visiting communities
debt management advice | debt management advice and money mentors | help with debts and household bills; budgeting help for struggling families; money advice for parents
Monitoring Officer | Monitoring Officer | officer who makes sure the council acts lawfully; council's chief legal officer on conduct
co-opted members | co-opted members and parent governor representatives | non-councillors sitting on the committee; church and parent representatives on the education committee
stage 2 complaint | children's social care statutory complaints procedure | complaint escalated to an independent investigation; second stage of a complaint about social services
SLA | service level agreement | agreed timescale for responding; target time to answer a complaint
ILACS | inspection of local authority children's services | Ofsted inspection of council social work for children; full inspection of children's social care
JTAI | joint targeted area inspection | joint inspection by Ofsted, CQC and police inspectors; inspectors checking how agencies protect children together
"""


@dataclass(frozen=True, slots=True)
class Jargon:
    """One term officers use, its formal name, and plain phrasings that mean it."""

    term: str
    formal: str
    phrasings: tuple[str, ...]


def _parse(table: str) -> tuple[Jargon, ...]:
    entries = []
    for line in table.strip().splitlines():
        term, formal, phrasings = (part.strip() for part in line.split("|"))
        entries.append(Jargon(term, formal, tuple(p.strip() for p in phrasings.split(";"))))
    return tuple(entries)


JARGON = _parse(_TABLE)
TABLE_DIGEST = hashlib.sha256(_TABLE.encode()).hexdigest()  # names the cached vectors
